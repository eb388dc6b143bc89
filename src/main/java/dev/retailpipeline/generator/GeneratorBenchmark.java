package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Measures generation speed: streams a range of hours as NDJSON (writeRange) into a null sink and prints source
 * rows (rows of the six tables), seconds and source rows per second, after a warm-up pass.
 *
 * <p>Usage: {@code java -cp ... dev.retailpipeline.generator.GeneratorBenchmark [days=14] [scale=10] [dirty=0]}
 */
public final class GeneratorBenchmark {
    private static final int PASSES = 3;

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        double dirty = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        long start = ShopHours.parse("2026-01-01T00");
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(start));
        long seed = 42;
        CountingSink sink = new CountingSink();

        long warmFrom = start + 300L * 24;
        generator.streamRange(seed, warmFrom, warmFrom + days * 24L - 1, scale, dirty, sink);

        long from = start + 30L * 24;
        long to = from + days * 24L - 1;
        System.out.printf("days=%d scale=%s dirty=%s hours=%d (warm-up pass done)%n", days, scale, dirty,
                to - from + 1);
        double[] rates = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
            sink.bytes = 0;
            long t0 = System.nanoTime();
            long rows = generator.streamRange(seed, from, to, scale, dirty, sink);
            double seconds = (System.nanoTime() - t0) / 1e9;
            rates[pass] = rows / seconds;
            System.out.printf("pass %d: source rows=%d bytes=%d seconds=%.3f rows/s=%.0f MB/s=%.1f%n", pass + 1,
                    rows, sink.bytes, seconds, rows / seconds, sink.bytes / seconds / 1e6);
        }
        java.util.Arrays.sort(rates);
        System.out.printf("median source rows/s=%.0f%n", rates[PASSES / 2]);
    }

    /** Discards everything, counting bytes. */
    static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
