package dev.retailpipeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz test with a fixed seed: several hundred hostile requests over every route and method, sent through a raw
 * socket so that anything can be sent (bad percent-escapes, other scripts' digits, huge and repeated parameters, path
 * traversal, bodies that are not JSON or not what they claim, a broken chunked body, a garbage request line, headers
 * cut off, an unknown HTTP version, a request line or headers longer than the server reads). No answer is a 5xx,
 * every error under /api is JSON with a bounded body (and so is every answer the server gives before any route, to a
 * request it cannot parse), and the server is healthy after.
 */
class HostileRequestsTest {

    private static final long SEED = 20261202L;
    private static final List<String> PATHS = List.of("/api/transactions", "/api/schema", "/api/health", "/api/metrics",
            "/api/openapi.yaml", "/api/runs", "/api/runs/20250101000000-0001-abcd", "/api/analytics/summary",
            "/api/analytics/revenue", "/api/analytics/categories", "/api/analytics/channels", "/api/analytics/regions",
            "/api/analytics/heatmap", "/api/analytics/top-products", "/api/analytics/top-customers",
            "/api/analytics/options", "/api/analytics/view", "/api/dashboard/config", "/", "/dashboard",
            "/dashboard/dashboard.js", "/webjars/echarts/dist/echarts.common.min.js", "/api/nope", "/api/runs/x/y");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    private static final List<String> QUERIES = List.of("", "?%zz", "?hour=2025-13-45T99", "?hour=%00", "?limit=%D9%A1",
            "?limit=-1", "?limit=99999999999999999999", "?offset=1e9", "?scale=1e999", "?scale=NaN", "?dirty=2",
            "?seed=abc", "?from=2025-01-01&from=2025-01-02", "?from=2024-01-01&to=2099-01-01", "?table=../../etc/passwd",
            "?format=xml", "?category=%27%3B%20drop%20table%20fct_sales%3B--", "?store=1%20or%201%3D1", "?channel=%E2%80%AE",
            "?x=" + "a".repeat(6000), "?hour=2025-01-01T00&scale=100&dirty=1&format=csv&table=nope", "?grain=century",
            "?from=" + "9".repeat(400), "?;", "?&&&", "?=x", "?limit=1&limit=2");
    private static final List<String> BODIES = List.of("", "{", "[]", "null", "\"x\"", "{\"from\": 1}",
            "{\"from\": \"x\", \"from\": \"y\"}", "{\"from\": \"2025-01-01\", \"to\": \"2025-01-02\", \"x\": 1}",
            "{\"from\": \"" + "x".repeat(20000) + "\"}", "[".repeat(5000), "from=2025-01-01&to=2025-01-02",
            "{\"from\": \"2099-01-01\", \"to\": \"2099-01-02\"}", "\u0000\u0001\u0002", "{\"from\": \"2025-01-01T99\"}");
    private static final List<String> TYPES = List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16");

    @TempDir
    Path dir;

    private record Answer(int status, String headers, String body) {
    }

    @Test
    void hundredsOfHostileRequestsGetNo5xxAndJsonErrorsAndTheServerStaysHealthy() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, Map.of("generator.start", "2025-01-01T00"),
                new MovableClock(Instant.parse("2025-01-02T00:10:00Z")))) {
            int port = URI.create(app.url("/")).getPort();
            Random random = new Random(SEED);
            // the log while the requests are answered (the application logs to standard error)
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            List<String> failures = new ArrayList<>();
            int sent = 0;
            System.setErr(new PrintStream(new TeeOutputStream(stderr, log), true, StandardCharsets.UTF_8));
            try {
                for (int i = 0; i < 320; i++) {
                    String method = METHODS.get(random.nextInt(METHODS.size()));
                    String path = PATHS.get(random.nextInt(PATHS.size()));
                    String query = QUERIES.get(random.nextInt(QUERIES.size()));
                    String body = method.equals("GET") || method.equals("HEAD") ? ""
                            : BODIES.get(random.nextInt(BODIES.size()));
                    String type = TYPES.get(random.nextInt(TYPES.size()));
                    String request = method + " " + path + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                            + (body.isEmpty() ? "" : "Content-Type: " + type + "\r\n")
                            + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                            + "\r\nConnection: close\r\n\r\n" + body;
                    check(method + " " + path + shorten(query), path, send(port, request), failures);
                    sent++;
                }
                // raw-socket cases, with the status each must get: the HTTP codec's own answers included, as JSON too
                // (0: the client went away mid-headers, so no answer is due)
                String host = "Host: 127.0.0.1\r\n";
                Map<String, Integer> raws = new java.util.LinkedHashMap<>();
                raws.put("GARBAGE\r\n\r\n", 400);
                raws.put("GET /api/health HTTP/9.9\r\n" + host + "\r\n", 400);
                raws.put("GET /api/health HTTP/1.1\r\n" + host + "no colon here\r\nConnection: close\r\n\r\n", 400);
                // a body whose chunking breaks after its headers were read: Vert.x closes the connection on the
                // decoder's error before an answer can go out (nothing is logged as an error); a 400 would do too
                raws.put("POST /api/runs HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 0);
                raws.put("POST /api/runs HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 10\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}", 400);
                raws.put("GET /api/health HTTP/1.1\r\n" + host + "X-Cut: partial", 0);
                raws.put("GET /webjars/echarts/" + "a/".repeat(2000) + " HTTP/1.1\r\n" + host
                        + "Connection: close\r\n\r\n", 404);
                raws.put("GET /webjars/../../../../etc/passwd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 404);
                raws.put("GET /webjars/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 404);
                raws.put("GET /api/health?" + "a".repeat(9000) + " HTTP/1.1\r\n" + host
                        + "Connection: close\r\n\r\n", 414);
                raws.put("GET /api/health HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(9000)
                        + "\r\nConnection: close\r\n\r\n", 431);
                raws.put("GET /api/health HTTP/1.1\r\n\r\n", 400);
                for (Map.Entry<String, Integer> raw : raws.entrySet()) {
                    Answer a = send(port, raw.getKey());
                    String what = "raw " + shorten(raw.getKey().lines().findFirst().orElse(""));
                    int status = a == null ? 0 : a.status();
                    boolean expected = status == raw.getValue() || raw.getKey().contains("chunked") && status == 400;
                    if (!expected) {
                        failures.add(what + " -> " + status + ", expected " + raw.getValue());
                    }
                    // whatever the path, an answer the server gives before any route is JSON
                    check(what, "/api", a, failures);
                    sent++;
                }
            } finally {
                System.setErr(stderr);
            }
            assertThat(sent).isGreaterThanOrEqualTo(300);
            // a client's mistake logs one line at most, never an ERROR and never a stack
            assertThat(log.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.startsWith("Caused by")))
                    .isEmpty();
            assertThat(failures).isEmpty();
            assertThat(app.get("/api/health").statusCode()).isEqualTo(200);
        }
    }

    private static void check(String what, String path, Answer a, List<String> failures) {
        if (a == null) {
            return; // the server closed a connection it could not read: no answer is not a 5xx
        }
        if (a.status() >= 500) {
            failures.add(what + " -> " + a.status() + " " + shorten(a.body()));
        }
        boolean api = path.startsWith("/api") && !what.startsWith("HEAD "); // an answer to HEAD has no body
        if (api && a.status() >= 400) {
            String headers = a.headers().toLowerCase(Locale.ROOT);
            if (!headers.contains("content-type: application/json") || !a.body().contains("\"error\"")) {
                failures.add(what + " -> " + a.status() + " not JSON: " + shorten(a.body()));
            }
            if (a.body().length() > 2048) {
                failures.add(what + " -> " + a.status() + " body of " + a.body().length() + " characters");
            }
        }
    }

    /** Sends the bytes as they are; the answer's status, headers and body, or null when the server closed without one. */
    private static Answer send(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!request.endsWith("\r\n\r\n") && !request.contains("\r\n\r\n")) {
                s.shutdownOutput(); // a request cut off in its headers: the client goes away
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            String text = got.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/")) {
                return null;
            }
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    /** Writes to two streams: the real standard error, and a copy the test reads. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
