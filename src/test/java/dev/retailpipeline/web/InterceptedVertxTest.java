package dev.retailpipeline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the application sets on Camel's HTTP server through {@link InterceptedVertx}, there being no public way in
 * Camel 4.18 or Vert.x 4, checked on the real application: each failure names the assumption about Camel or Vert.x
 * that an upgrade broke. (The rest of the server's setup goes through their public API; HostileRequestsTest and
 * WriteGuardTest check it.)
 */
class InterceptedVertxTest {

    private static final String UPGRADE = " (InterceptedVertx: did an upgrade of Camel or Vert.x change how "
            + "camel-platform-http-vertx's VertxPlatformHttpServer creates its HttpServer or calls listen?)";

    @TempDir
    static Path dir;

    private static RunningApplication app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApplication.start(dir.resolve("app"), Map.of("generator.start", "2025-01-01T00",
                "http.idle-timeout-seconds", "2", "generator.busy-wait-ms", "500"),
                new MovableClock(Instant.parse("2025-01-02T00:10:00Z")));
        port = URI.create(app.url("/")).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void aClientThatSendsHalfItsHeadersAndWaitsIsCutOffAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: "
                    .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(20_000);
            long t0 = System.nanoTime();
            String lost = "the server closes a connection idle for http.idle-timeout-seconds: the idle timeout set "
                    + "on the HttpServerOptions Camel passes to Vertx.createHttpServer did not apply" + UPGRADE;
            try {
                assertThat(s.getInputStream().read()).as(lost).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection is still open after 20 s: " + lost, e);
            }
            assertThat((System.nanoTime() - t0) / 1_000_000_000.0).isBetween(1.0, 10.0);
        }
        assertThat(app.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestLineTheHttpCodecCannotParseGetsAJson400() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer)
                    .as("an unparseable request is answered by the invalid-request handler set on the server before "
                            + "Camel made it listen" + UPGRADE)
                    .matches("(?s)HTTP/1\\.[01] 400 .*").containsIgnoringCase("content-type: application/json")
                    .contains("\"error\":\"bad_request\"");
        }
    }

    @Test
    void aPortAnotherProcessHoldsFailsTheStartNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int held = taken.getLocalPort();
            Throwable failure = catchThrowable(() -> RunningApplication.start(dir.resolve("taken"),
                    Map.of("camel.server.port", String.valueOf(held), "generator.start", "2025-01-01T00")).close());
            assertThat(failure)
                    .as("a failed bind fails the start (Camel itself logs it and starts without a server): the "
                            + "callback Camel gives HttpServer.listen was not intercepted" + UPGRADE)
                    .isNotNull()
                    .hasStackTraceContaining("the HTTP server cannot listen on 127.0.0.1:" + held);
        }
    }
}
