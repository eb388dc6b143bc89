package dev.retailpipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packaged application under load as a user runs it (the README's start command, scale 10): 16 clients for 60 s
 * over the read endpoints, first idle, then while a 30-day backfill runs; prints requests per second, p50 and p99
 * latency, errors (a status of 500 or more, or no answer) and the process's peak resident memory. A benchmark
 * command, not a test:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.retailpipeline.LoadBenchmark [SECONDS] [CLIENTS]}
 */
public final class LoadBenchmark {

    private static final List<String> READS = List.of("/api/health", "/api/runs?limit=5", "/api/metrics",
            "/api/analytics/view?from=2025-01-01&to=2025-01-31", "/api/analytics/summary?from=2025-01-01&to=2025-01-15",
            "/api/analytics/top-products?from=2025-01-01&to=2025-01-31&limit=10", "/api/schema",
            "/api/transactions?hour=2025-01-10T12&scale=1", "/", "/api/dashboard/config");

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path work = Files.createTempDirectory("load-bench");
        Map<String, String> env = Map.of("GENERATOR_SCALE", "10", "GENERATOR_START", "2025-01-01T00");
        try (JarProcess app = JarProcess.start(work, env, EndToEndBenchmark.JVM)) {
            // a first month in the warehouse, so the analytics have something to read
            if (app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-02-01\"}").statusCode() != 202) {
                throw new IllegalStateException("the first backfill was refused");
            }
            app.awaitNoActiveRun(Duration.ofMinutes(5));
            System.out.printf("%d clients, %d s each phase, JVM %s%n", clients, seconds, EndToEndBenchmark.JVM);
            phase("idle", app, clients, seconds, null);
            phase("during a 30-day backfill", app, clients, seconds, "{\"from\": \"2025-02-01\", \"to\": \"2025-03-03\"}");
            System.out.printf("peak RSS of the whole process (VmHWM): %d MB%n", EndToEndBenchmark.rss(app.pid(), "VmHWM") / 1024);
        }
    }

    private static void phase(String name, JarProcess app, int clients, int seconds, String backfill) throws Exception {
        if (backfill != null && app.post("/api/runs", backfill).statusCode() != 202) {
            throw new IllegalStateException("the backfill was refused");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread t = new Thread(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    String path = READS.get(i++ % READS.size());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() >= 500) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    micros.add((System.nanoTime() - t0) / 1000);
                }
            });
            t.start();
            threads.add(t);
        }
        while (threads.stream().anyMatch(Thread::isAlive)) {
            peak.accumulateAndGet(EndToEndBenchmark.rss(app.pid(), "VmRSS"), Math::max);
            Thread.sleep(200);
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s: %,d requests in %d s = %,.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors, RSS up to %d MB%n",
                name, sorted.size(), seconds, sorted.size() / (double) seconds, percentile(sorted, 50) / 1000.0,
                percentile(sorted, 99) / 1000.0, errors.get(), peak.get() / 1024);
        if (backfill != null) {
            app.awaitNoActiveRun(Duration.ofMinutes(5));
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

}
