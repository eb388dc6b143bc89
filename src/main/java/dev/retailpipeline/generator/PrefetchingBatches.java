package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Builds the batches of a range of hours, in hour order, on a background thread, at most {@link #AHEAD} hours
 * ahead of the consumer, so generation and writing overlap while memory stays independent of the range size.
 */
final class PrefetchingBatches implements AutoCloseable {
    static final int AHEAD = 3;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread producer;

    PrefetchingBatches(Shop shop, long seed, long fromHour, long toHourInclusive, double scale, double dirty) {
        producer = new Thread(() -> {
            HourBuilder builder = new HourBuilder(shop);
            try {
                for (long h = fromHour; h <= toHourInclusive; h++) {
                    Object item;
                    try {
                        item = builder.build(new BatchSpec(seed, h, scale, dirty));
                    } catch (RuntimeException | Error e) {
                        item = e;
                    }
                    queue.put(item);
                    if (item instanceof Throwable) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the consumer stopped early
            }
        }, "retail-generator-prefetch");
        producer.setDaemon(true);
        producer.start();
    }

    Batch next() throws IOException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while generating");
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
        return (Batch) item;
    }

    @Override
    public void close() {
        producer.interrupt();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
