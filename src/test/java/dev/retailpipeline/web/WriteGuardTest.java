package dev.retailpipeline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes from other web pages (cross-site requests, DNS rebinding) are refused before anything is read, and on a
 * loopback bind so is every request addressed to another host.
 */
class WriteGuardTest {

    @TempDir
    Path dir;

    private final WriteGuard loopback = new WriteGuard("127.0.0.1", List.of(""));

    private static Exchange write(String host, String origin, String contentType, String length) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        var m = exchange.getMessage();
        if (host != null) {
            m.setHeader("Host", host);
        }
        if (origin != null) {
            m.setHeader("Origin", origin);
        }
        if (contentType != null) {
            m.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        if (length != null) {
            m.setHeader("Content-Length", length);
        }
        return exchange;
    }

    @Test
    void aJsonWriteAddressedToThisServerPasses() {
        assertThatCode(() -> loopback.check(write("127.0.0.1:8080", null, "application/json; charset=utf-8", "30")))
                .doesNotThrowAnyException();
        assertThatCode(() -> loopback.check(write("localhost:8080", "http://localhost:8080", null, "0")))
                .as("no body needs no content type").doesNotThrowAnyException();
        assertThatCode(() -> loopback.check(write("[::1]:8080", null, null, null))).doesNotThrowAnyException();
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        assertThatThrownBy(() -> loopback.check(write("127.0.0.1:8080", null, "text/plain", "30")))
                .isInstanceOfSatisfying(RefusedRequestException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> loopback.check(write("127.0.0.1:8080", null, "application/x-www-form-urlencoded", "3")))
                .isInstanceOf(RefusedRequestException.class);
        assertThatThrownBy(() -> loopback.check(write("127.0.0.1:8080", null, null, "3")))
                .isInstanceOf(RefusedRequestException.class);
    }

    @Test
    void anotherHostOrAnotherSitesOriginIs403() {
        for (Exchange refused : List.of(write("evil.example", null, "application/json", "2"),
                write("evil.example:8080", null, null, null),
                write(null, null, null, null),
                write("127.0.0.1:8080", "http://evil.example", "application/json", "2"),
                write("127.0.0.1:8080", "null", "application/json", "2"))) {
            assertThatThrownBy(() -> loopback.check(refused))
                    .isInstanceOfSatisfying(RefusedRequestException.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void onANetworkBindTheAllowedHostsAreTheServersOwnAndTheConfiguredOnes() {
        WriteGuard network = new WriteGuard("0.0.0.0", List.of("pipeline.internal", " Reports.Example "));
        assertThatCode(() -> network.check(write("pipeline.internal:8080", "https://reports.example", null, null)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> network.check(write("0.0.0.0:8080", null, null, null))).isInstanceOf(RefusedRequestException.class);
        assertThatCode(() -> new WriteGuard("0.0.0.0", List.of("*")).check(write("anything.example", null, null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void overHttpTheCrossSiteSimpleRequestStartsNothing() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, Map.of("generator.start", "2025-01-01T00"),
                new MovableClock(Instant.parse("2025-01-01T06:10:00Z")))) {
            int port = URI.create(app.url("/")).getPort();
            String crossSite = raw(port, "POST /api/runs HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(crossSite).matches("(?s)HTTP/1.1 (403|415) .*").contains("application/json", "\"error\":");
            String rebinding = raw(port, "POST /api/runs HTTP/1.1\r\nHost: evil.example:" + port + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(rebinding).startsWith("HTTP/1.1 403 ").contains("\"error\":\"forbidden\"");
            assertThat(app.get("/api/runs").body()).contains("\"runs\":[]");

            String sameSite = raw(port, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:"
                    + port + "\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(sameSite).startsWith("HTTP/1.1 202 ");
        }
    }

    @Test
    void onLoopbackEveryRequestAddressedToAnotherHostIs403ReadsIncluded() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir.resolve("reads"), Map.of("generator.start", "2025-01-01T00",
                "http.allowed-hosts", "pipeline.test"), new MovableClock(Instant.parse("2025-01-01T06:10:00Z")))) {
            int port = URI.create(app.url("/")).getPort();
            for (String path : List.of("/api/runs", "/api/analytics/summary", "/", "/no/such/path")) {
                String rebound = raw(port, "GET " + path + " HTTP/1.1\r\nHost: rebinding.test:" + port
                        + "\r\nConnection: close\r\n\r\n");
                assertThat(rebound).as(path).startsWith("HTTP/1.1 403 ").contains("application/json",
                        "\"error\":\"forbidden\"").doesNotContain("\"runs\"");
            }
            for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "pipeline.test")) {
                assertThat(raw(port, "GET /api/runs HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                        .as(host).startsWith("HTTP/1.1 200 ").contains("\"runs\":[]");
            }
            assertThat(raw(port, "GET /api/runs HTTP/1.0\r\n\r\n")).as("no Host: no browser page")
                    .startsWith("HTTP/1.0 200 ");
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutATokenRefusesToStartUnlessOpenWritesAreAccepted() throws Exception {
        assertThatThrownBy(() -> RunningApplication.start(dir.resolve("refused"), Map.of("camel.server.host", "0.0.0.0",
                "generator.start", "2025-01-01T00"), new MovableClock(Instant.parse("2025-01-01T06:10:00Z"))).close())
                .hasStackTraceContaining("API_WRITE_TOKEN");
        try (RunningApplication app = RunningApplication.start(dir.resolve("accepted"), Map.of("camel.server.host", "0.0.0.0",
                "http.open-writes", "true", "generator.start", "2025-01-01T00"),
                new MovableClock(Instant.parse("2025-01-01T06:10:00Z")))) {
            assertThat(app.get("/api/health").statusCode()).isEqualTo(200);
        }
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
