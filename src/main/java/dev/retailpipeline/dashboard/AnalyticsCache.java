package dev.retailpipeline.dashboard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The analytics answers already computed, by endpoint and query string, so that a page opened between two runs
 * does not query the marts again (a Caffeine cache). The marts change only when a run's ETL commits: the run route
 * calls {@link #invalidate()} then, before the ledger says the run succeeded. An answer computed while an
 * invalidation happens is not kept (it may have read the marts before the commit). Answers also expire after
 * {@code maxAgeSeconds}, for warehouses that something else writes too; 0 turns the cache off. At most
 * {@code maxEntries} answers are kept; when full, Caffeine keeps the answers read most (its frequency-aware policy).
 */
public final class AnalyticsCache {

    private final boolean off;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, byte[]> entries;

    public AnalyticsCache(int maxAgeSeconds, int maxEntries) {
        this(maxAgeSeconds, maxEntries, System::nanoTime);
    }

    AnalyticsCache(int maxAgeSeconds, int maxEntries, LongSupplier nanoTime) {
        if (maxAgeSeconds < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("dashboard cache: max age must be >= 0 s and max entries >= 1; got "
                    + maxAgeSeconds + " s, " + maxEntries);
        }
        this.off = maxAgeSeconds == 0;
        // evictions on the calling thread: the cache's size is exact when a call returns
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(Duration.ofSeconds(Math.max(1, maxAgeSeconds)))
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run)
                .build();
    }

    /** The kept answer for {@code key}, or the one {@code compute} gives, kept when nothing changed meanwhile. */
    public byte[] get(String key, Supplier<byte[]> compute) {
        if (off) {
            return compute.get();
        }
        byte[] kept = entries.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        long before = generation.get();
        byte[] body = compute.get();
        synchronized (generation) {
            if (generation.get() == before) {
                entries.put(key, body);
            }
        }
        return body;
    }

    /** The kept answer for {@code key} while it is fresh, else null. */
    public byte[] peek(String key) {
        return off ? null : entries.getIfPresent(key);
    }

    /** Forgets every answer: the marts have changed. */
    public void invalidate() {
        synchronized (generation) {
            generation.incrementAndGet();
            entries.invalidateAll();
        }
    }

    /** How many answers are kept. */
    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }
}
