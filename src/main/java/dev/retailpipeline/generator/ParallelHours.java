package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the hours of a range on worker threads, each worker one whole hour at a time (built and serialized), and
 * hands the hours' bytes to the consumer strictly in hour order. An hour is a pure function of (seed, hour, scale,
 * dirty), so its bytes are exactly those of the hour generated alone, whichever worker made them.
 *
 * <p>Memory stays independent of the range: at most {@value #IN_FLIGHT_PER_THREAD} hours per worker are queued or
 * being made, plus the hour the consumer is writing, and their buffers are reused. The workers are daemon threads
 * of a pool that {@link #close} shuts down, so a consumer that stops early (or fails) leaves no thread behind. A
 * worker's RuntimeException or Error reaches the consumer as is, from {@link #next}.
 */
final class ParallelHours implements AutoCloseable {
    static final int IN_FLIGHT_PER_THREAD = 2;
    static final String THREAD_PREFIX = "retail-generator-";
    private static final int INITIAL_BUFFER = 256 * 1024;
    private static final AtomicInteger RANGES = new AtomicInteger();

    /** Makes one hour into an empty buffer. Called on the workers, concurrently for different hours. */
    interface Renderer {
        void render(long hour, HourBytes into);
    }

    private final Renderer renderer;
    private final long toHourInclusive;
    private final int window;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Future<HourBytes>> inFlight = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<HourBytes> spare = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    private long nextHour;

    ParallelHours(long fromHour, long toHourInclusive, int workers, Renderer renderer) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.renderer = renderer;
        this.toHourInclusive = toHourInclusive;
        this.nextHour = fromHour;
        this.window = workers * IN_FLIGHT_PER_THREAD;
        String prefix = THREAD_PREFIX + RANGES.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            this.threads.add(t);
            return t;
        };
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                factory);
        fill();
    }

    /** Keeps the window full: hours are submitted in order, and the pool's queue is first in, first out. */
    private void fill() {
        while (inFlight.size() < window && nextHour <= toHourInclusive) {
            long h = nextHour++;
            inFlight.add(pool.submit(() -> make(h)));
        }
    }

    private HourBytes make(long h) {
        HourBytes bytes = spare.poll();
        if (bytes == null) {
            bytes = new HourBytes(INITIAL_BUFFER);
        }
        bytes.reset();
        renderer.render(h, bytes);
        return bytes;
    }

    /** The next hour's bytes, in hour order; hand them back with {@link #recycle} once written. */
    HourBytes next() throws IOException {
        Future<HourBytes> head = inFlight.poll();
        if (head == null) {
            throw new NoSuchElementException("past the last hour of the range");
        }
        fill();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while generating");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException("a generator worker failed", cause);
        }
    }

    /** Returns an hour's buffer for reuse by the workers. */
    void recycle(HourBytes bytes) {
        spare.offer(bytes);
    }

    /** Stops the workers: hours not started are dropped, and the threads end once their current hour is made. */
    @Override
    public void close() {
        for (Future<HourBytes> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
        pool.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
