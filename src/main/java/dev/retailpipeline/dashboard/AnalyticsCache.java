package dev.retailpipeline.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The analytics answers already computed, by endpoint and query string, so that a page opened between two runs
 * does not query the marts again. The marts change only when a run's ETL commits: the run route calls
 * {@link #invalidate()} then, before the ledger says the run succeeded. An answer computed while an invalidation
 * happens is not kept (it may have read the marts before the commit). Answers also expire after
 * {@code maxAgeSeconds}, for warehouses that something else writes too; 0 turns the cache off. At most
 * {@code maxEntries} answers are kept, the least recently read dropped first.
 */
public final class AnalyticsCache {

    private record Entry(byte[] body, long storedAt) {
    }

    private final long maxAgeNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Entry> entries;

    public AnalyticsCache(int maxAgeSeconds, int maxEntries) {
        this(maxAgeSeconds, maxEntries, System::nanoTime);
    }

    AnalyticsCache(int maxAgeSeconds, int maxEntries, LongSupplier nanoTime) {
        if (maxAgeSeconds < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("dashboard cache: max age must be >= 0 s and max entries >= 1; got "
                    + maxAgeSeconds + " s, " + maxEntries);
        }
        this.maxAgeNanos = maxAgeSeconds * 1_000_000_000L;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > AnalyticsCache.this.maxEntries;
            }
        };
    }

    /** The kept answer for {@code key}, or the one {@code compute} gives, kept when nothing changed meanwhile. */
    public byte[] get(String key, Supplier<byte[]> compute) {
        if (maxAgeNanos == 0) {
            return compute.get();
        }
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null && now - entry.storedAt() < maxAgeNanos) {
                return entry.body();
            }
        }
        long before = generation.get();
        byte[] body = compute.get();
        synchronized (entries) {
            if (generation.get() == before) {
                entries.put(key, new Entry(body, now));
            }
        }
        return body;
    }

    /** The kept answer for {@code key} while it is fresh, else null. */
    public byte[] peek(String key) {
        if (maxAgeNanos == 0) {
            return null;
        }
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry entry = entries.get(key);
            return entry != null && now - entry.storedAt() < maxAgeNanos ? entry.body() : null;
        }
    }

    /** Forgets every answer: the marts have changed. */
    public void invalidate() {
        synchronized (entries) {
            generation.incrementAndGet();
            entries.clear();
        }
    }

    /** How many answers are kept. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
