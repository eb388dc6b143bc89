package dev.retailpipeline.generator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.retailpipeline.time.HourRange;

/**
 * Measures generation speed: streams a range of hours as NDJSON (writeRange) into a null sink and prints source
 * rows (rows of the six tables), seconds and source rows per second, on all cores (one worker per processor) and on
 * one thread, after warm-up passes; then runs a Python Faker seed script ({@code bench/faker_rate.py}) and prints
 * its rate beside the in-process rates, or why it could not be measured.
 *
 * <p>Usage: {@code java -cp ... dev.retailpipeline.generator.GeneratorBenchmark [days=14] [scale=10] [dirty=0]
 * [faker script=bench/faker_rate.py] [python=/usr/bin/python3]}. System properties: {@code faker.script},
 * {@code faker.python}, {@code faker.rows} (100000), {@code warmup.seconds} (5). Warm-up passes (each printed,
 * so the cold rate stays visible) go on for at least that long and 3 passes, and until the JIT compiled for less
 * than 5% of a pass's time, so that the measured passes time compiled code rather than the JIT at work.
 */
public final class GeneratorBenchmark {
    private static final int PASSES = 3;
    private static final int MIN_WARMUP_PASSES = 3;
    private static final Pattern FAKER_RATE = Pattern.compile("^faker rows/s=([0-9.]+)\\s*$", Pattern.MULTILINE);

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        double dirty = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        String script = args.length > 3 ? args[3] : System.getProperty("faker.script", "bench/faker_rate.py");
        String python = args.length > 4 ? args[4] : System.getProperty("faker.python", "/usr/bin/python3");
        int fakerRows = Integer.getInteger("faker.rows", 100_000);
        double warmupSeconds = Double.parseDouble(System.getProperty("warmup.seconds", "5"));

        long start = HourRange.parseHour("2026-01-01T00");
        int cores = Runtime.getRuntime().availableProcessors();
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(start, cores));
        long seed = 42;
        CountingSink sink = new CountingSink();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "days=%d scale=%s dirty=%s hours=%d cores=%d load average=%.2f%n", days,
                scale, dirty, days * 24L, cores, os.getSystemLoadAverage());

        // warm-up on other hours until the JIT has settled: all cores, then one thread (whose path streams through
        // the writer and so recompiles shared code), then all cores again; each measurement follows its own mode
        long warmFrom = start + 300L * 24;
        long warmTo = warmFrom + days * 24L - 1;
        long t0 = System.nanoTime();
        int warmups = warmUp(generator, seed, warmFrom, warmTo, scale, dirty, sink, cores, MIN_WARMUP_PASSES,
                warmupSeconds);
        warmups += warmUp(generator, seed, warmFrom, warmTo, scale, dirty, sink, 1, 1, 0);
        warmups += warmUp(generator, seed, warmFrom, warmTo, scale, dirty, sink, cores, 1, 0);
        System.out.printf(Locale.ROOT, "warm-up done: %d passes, %.1f s%n", warmups, (System.nanoTime() - t0) / 1e9);

        long from = start + 30L * 24;
        long to = from + days * 24L - 1;
        double allCores = measure(generator, seed, from, to, scale, dirty, sink, cores, "all cores");
        warmUp(generator, seed, warmFrom, warmTo, scale, dirty, sink, 1, 1, 0);
        double oneThread = measure(generator, seed, from, to, scale, dirty, sink, 1, "one thread");

        FakerRate faker = fakerRate(python, script, fakerRows);
        System.out.println();
        System.out.printf(Locale.ROOT, "in process, all cores (threads=%d): %,.0f source rows/s%n", cores, allCores);
        System.out.printf(Locale.ROOT, "in process, one thread (threads=1): %,.0f source rows/s (all cores: %.2fx)%n",
                oneThread, allCores / oneThread);
        if (faker.rate > 0) {
            System.out.printf(Locale.ROOT, "python faker (%s, %,d rows): %,.0f rows/s; all cores / faker = %,.0fx, "
                    + "one thread / faker = %,.0fx%n", script, fakerRows, faker.rate, allCores / faker.rate,
                    oneThread / faker.rate);
            if (faker.detail != null) {
                System.out.println("python faker: " + faker.detail);
            }
        } else {
            System.out.println("python faker: could not measure it: " + faker.why);
        }
        System.out.printf(Locale.ROOT, "load average at the end=%.2f%n", os.getSystemLoadAverage());
    }

    /**
     * Warm-up passes on the given threads, each printed, until at least minPasses and minSeconds are done and the
     * JIT compiled for under 5% of the last pass's time (or for 60 s at most); returns the number of passes.
     */
    private static int warmUp(RetailGenerator generator, long seed, long from, long to, double scale, double dirty,
                              CountingSink sink, int threads, int minPasses, double minSeconds) throws IOException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long t0 = System.nanoTime();
        int passes = 0;
        while (true) {
            long jit0 = jitTimed ? jit.getTotalCompilationTime() : 0;
            long p0 = System.nanoTime();
            long rows = generator.streamRange(seed, from, to, scale, dirty, sink, threads);
            double seconds = (System.nanoTime() - p0) / 1e9;
            double jitSeconds = jitTimed ? (jit.getTotalCompilationTime() - jit0) / 1e3 : 0;
            passes++;
            System.out.printf(Locale.ROOT, "warm-up (threads=%d) pass %d: rows/s=%.0f jit seconds=%.3f%n", threads,
                    passes, rows / seconds, jitSeconds);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            boolean settled = !jitTimed || jitSeconds < 0.05 * seconds;
            if ((passes >= minPasses && elapsed >= minSeconds && settled) || elapsed > 60) {
                return passes;
            }
        }
    }

    /** PASSES passes over the range on the given threads; prints each and the median, returns the median. */
    private static double measure(RetailGenerator generator, long seed, long from, long to, double scale,
                                  double dirty, CountingSink sink, int threads, String label) throws IOException {
        double[] rates = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
            sink.bytes = 0;
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long rows = generator.streamRange(seed, from, to, scale, dirty, sink, threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            rates[pass] = rows / seconds;
            System.out.printf(Locale.ROOT, "%s (threads=%d) pass %d: source rows=%d bytes=%d seconds=%.3f "
                            + "cpu seconds=%.3f rows/s=%.0f MB/s=%.1f%n", label, threads, pass + 1, rows, sink.bytes,
                    seconds, cpu, rows / seconds, sink.bytes / seconds / 1e6);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%s (threads=%d) median source rows/s=%.0f%n", label, threads,
                rates[PASSES / 2]);
        return rates[PASSES / 2];
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The rate printed by the Faker script, or 0 and why not. */
    record FakerRate(double rate, String why, String detail) {
        static FakerRate failed(String why) {
            return new FakerRate(0, why, null);
        }
    }

    static FakerRate fakerRate(String python, String script, int rows) {
        if (!new File(script).isFile()) {
            return FakerRate.failed("no script " + new File(script).getAbsolutePath()
                    + " (give its path as the 4th argument or -Dfaker.script)");
        }
        if (!new File(python).canExecute()) {
            return FakerRate.failed("no python interpreter " + python
                    + " (give it as the 5th argument or -Dfaker.python)");
        }
        List<String> command = new ArrayList<>(List.of(python, script, Integer.toString(rows)));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            return FakerRate.failed("could not start " + String.join(" ", command) + ": " + e.getMessage());
        }
        try {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // the script reads nothing
            }
            StreamText out = new StreamText(process.getInputStream());
            StreamText err = new StreamText(process.getErrorStream());
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return FakerRate.failed(String.join(" ", command) + " took over 10 minutes");
            }
            String stdout = out.text();
            String stderr = err.text().strip();
            if (process.exitValue() != 0) {
                return FakerRate.failed(String.join(" ", command) + " exited with " + process.exitValue()
                        + (stderr.isEmpty() ? "" : ": " + lastLines(stderr)));
            }
            Matcher m = FAKER_RATE.matcher(stdout);
            if (!m.find()) {
                return FakerRate.failed("no 'faker rows/s=' line in the output of " + String.join(" ", command)
                        + ": " + lastLines(stdout + stderr));
            }
            return new FakerRate(Double.parseDouble(m.group(1)), null, stderr.isEmpty() ? null : lastLines(stderr));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return FakerRate.failed("interrupted");
        }
    }

    private static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** Reads a child's stream on a thread of its own, so that neither pipe can fill up and block the child. */
    private static final class StreamText {
        private final Thread reader;
        private volatile String text = "";

        StreamText(InputStream in) {
            reader = new Thread(() -> {
                try (in) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    text = "(could not read: " + e.getMessage() + ")";
                }
            }, "faker-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() throws InterruptedException {
            reader.join(10_000);
            return text;
        }
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
