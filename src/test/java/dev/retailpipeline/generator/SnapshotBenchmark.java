package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import dev.retailpipeline.time.HourRange;

/**
 * Times a large snapshot: writeSnapshot of 2026-09-30T23 at scale 10 (shop opened 2025-01-01T00) as NDJSON into a
 * sink that counts bytes, once to warm up and then a few times. Run with the test classpath, e.g.
 * {@code java -cp 'target/classes:target/test-classes:target/lib/*' dev.retailpipeline.generator.SnapshotBenchmark
 * [hour [scale [runs [threads]]]]}; threads defaults to the machine's processors.
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String hour = args.length > 0 ? args[0] : "2026-09-30T23";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour("2025-01-01T00"),
                threads));
        BatchSpec spec = new BatchSpec(42, HourRange.parseHour(hour), scale, 0);
        long t = System.nanoTime();
        generator.shop(spec.seed(), spec.scale());
        System.out.printf("shop model (pools, catalog, lifecycles) in %d ms%n", (System.nanoTime() - t) / 1_000_000);
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run <= runs; run++) {
            long[] bytes = {0};
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes[0] += len;
                }
            };
            long cpu0 = process.getProcessCpuTime();
            long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            generator.writeSnapshot(spec, Format.NDJSON, null, sink);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (process.getProcessCpuTime() - cpu0) / 1_000_000;
            long threadMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1_000_000;
            System.out.printf("%s %s scale %s, %d threads: %d bytes in %d ms (CPU: this thread %d ms, process %d ms;"
                    + " load average %.1f)%n", run == 0 ? "warm-up" : "run", hour, scale, threads, bytes[0], ms,
                    threadMs, cpuMs, os.getSystemLoadAverage());
        }
    }
}
