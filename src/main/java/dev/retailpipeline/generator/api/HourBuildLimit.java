package dev.retailpipeline.generator.api;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.retailpipeline.web.RefusedRequestException;

/**
 * How many hours the generator API builds in memory at once ({@code generator.max-concurrent-hours}), so that
 * concurrent large requests cannot take the heap between them; a request that finds them all taken waits
 * ({@code generator.busy-wait-ms}) and is then refused with a 503 "busy". A streamed range is not counted.
 */
public final class HourBuildLimit {

    /** Builds one hour's answer. */
    @FunctionalInterface
    public interface Build {
        void run() throws IOException;
    }

    private final Semaphore permits;
    private final int max;
    private final long waitMs;

    public HourBuildLimit(int max, long waitMs) {
        if (max < 1) {
            throw new IllegalArgumentException("generator.max-concurrent-hours must be at least 1, not " + max);
        }
        this.permits = new Semaphore(max, true);
        this.max = max;
        this.waitMs = Math.max(0, waitMs);
    }

    /** Runs the build once a place is free, or refuses it with a 503 after the wait. */
    public void run(Build build) throws IOException {
        try {
            if (!permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                throw new RefusedRequestException(503, "busy", null, max + (max == 1 ? " hour is" : " hours are")
                        + " being built already (generator.max-concurrent-hours); try again in a moment, or ask for"
                        + " a streamed range (from, to)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to build the hour", e);
        }
        try {
            build.run();
        } finally {
            permits.release();
        }
    }
}
