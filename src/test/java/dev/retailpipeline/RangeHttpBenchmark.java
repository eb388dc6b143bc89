package dev.retailpipeline;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;
import dev.retailpipeline.time.HourRange;

/**
 * Measures the generator's HTTP range stream as a client receives it: starts the application on a free port
 * (timer off, throwaway warehouse), asks for a range of hours as NDJSON and counts the source rows (lines of
 * the six tables) as they arrive. Prints rows, seconds and source rows/s over three passes after a warm-up.
 *
 * <p>Usage: {@code java -cp 'target/retail-pipeline.jar:target/lib/*' dev.retailpipeline.bench.RangeHttpBenchmark [days=14] [scale=10]}
 */
public final class RangeHttpBenchmark {

    private RangeHttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        Path work = Files.createTempDirectory("retail-bench");
        Main main = new Main(Application.class);
        RoutesFolder.prepare(main, work.resolve("routes").toString());
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("routes.reload-enabled", "false");
        main.addOverrideProperty("ingest.timer.enabled", "false");
        main.addOverrideProperty("warehouse.url", "jdbc:duckdb:" + work.resolve("bench.duckdb"));
        main.addOverrideProperty("range.max-hours", String.valueOf(days * 24));
        main.addOverrideProperty("generator.start", "2026-01-01T00");
        main.start();
        try {
            int port = main.getCamelContext().hasService(VertxPlatformHttpServer.class).getPort();
            HttpClient client = HttpClient.newHttpClient();
            long from = HourRange.parseHour("2026-01-31T00");
            String base = "http://127.0.0.1:" + port + "/api/transactions?seed=42&scale=" + scale;
            String warm = base + "&from=" + HourRange.formatHour(from + 200L * 24) + "&to=" + HourRange.formatHour(from + 200L * 24 + days * 24L);
            count(client, warm);
            String url = base + "&from=" + HourRange.formatHour(from) + "&to=" + HourRange.formatHour(from + days * 24L);
            System.out.printf("HTTP range: days=%d scale=%s (warm-up pass done)%n", days, scale);
            double[] rates = new double[3];
            for (int pass = 0; pass < 3; pass++) {
                long t0 = System.nanoTime();
                long[] counted = count(client, url);
                double seconds = (System.nanoTime() - t0) / 1e9;
                rates[pass] = counted[0] / seconds;
                System.out.printf("pass %d: source rows=%d bytes=%d seconds=%.3f rows/s=%.0f%n", pass + 1, counted[0],
                        counted[1], seconds, rates[pass]);
            }
            java.util.Arrays.sort(rates);
            System.out.printf("median HTTP source rows/s=%.0f%n", rates[1]);
        } finally {
            main.stop();
        }
    }

    /** Source rows and bytes of the response, counted while it streams in. */
    static long[] count(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url + ": "
                    + new String(response.body().readAllBytes()));
        }
        byte[] marker = "{\"table\":\"".getBytes();
        byte[] buffer = new byte[1 << 16];
        long rows = 0;
        long bytes = 0;
        boolean lineStart = true;
        int matched = 0;
        boolean checkUnderscore = false;
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (checkUnderscore) {
                        if (b != '_') {
                            rows++;
                        }
                        checkUnderscore = false;
                    } else if (lineStart || matched > 0) {
                        if (b == marker[matched]) {
                            matched++;
                            if (matched == marker.length) {
                                checkUnderscore = true;
                                matched = 0;
                            }
                        } else {
                            matched = 0;
                        }
                    }
                    lineStart = b == '\n';
                }
            }
        }
        return new long[] {rows, bytes};
    }
}
