package dev.retailpipeline.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write token: unset, writes are open; set, POST /api/runs needs it, and nothing else changes. */
class WriteTokenTest {

    private static final String TOKEN = "tok-7f3a9c-never-logged";

    @TempDir
    Path dir;

    private static Exchange request(String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        return exchange;
    }

    @Test
    void withoutATokenWritesAreOpen() {
        WriteToken open = new WriteToken("  ");
        assertFalse(open.required());
        assertDoesNotThrow(() -> open.check(request(null)));
    }

    @Test
    void withATokenOnlyTheRightBearerPassesAndTheHeaderTravelsNoFurther() {
        WriteToken token = new WriteToken(TOKEN);
        assertTrue(token.required());
        assertThrows(UnauthorizedException.class, () -> token.check(request(null)));
        assertThrows(UnauthorizedException.class, () -> token.check(request(TOKEN)), "the scheme is required");
        assertThrows(UnauthorizedException.class, () -> token.check(request("Bearer " + TOKEN + "x")));
        assertThrows(UnauthorizedException.class, () -> token.check(request("Basic " + TOKEN)));
        UnauthorizedException refused = assertThrows(UnauthorizedException.class, () -> token.check(request("Bearer wrong")));
        assertFalse(refused.getMessage().contains(TOKEN), "the token is never echoed");
        Exchange right = request("bearer " + TOKEN);
        assertDoesNotThrow(() -> token.check(right));
        assertNull(right.getMessage().getHeader("Authorization"));
    }

    @Test
    void overHttpARunNeedsTheTokenAndReadingDoesNot() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, Map.of("api.token", TOKEN,
                "generator.start", "2025-01-01T00", "ingest.initial-backfill-days", "1"),
                new MovableClock(Instant.parse("2025-01-01T06:10:00Z")))) {
            HttpResponse<String> missing = app.post("/api/runs", null);
            assertEquals(401, missing.statusCode(), missing.body());
            assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(missing.body().contains("\"error\":\"unauthorized\""), missing.body());
            assertEquals("Bearer realm=\"retail-pipeline\"", missing.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, post(app, "Bearer not-it").statusCode());
            assertTrue(app.get("/api/runs").body().contains("\"runs\":[]"), "a refused request starts nothing");

            assertEquals(200, app.get("/api/runs").statusCode(), "reading needs no token");
            assertTrue(app.get("/api/dashboard/config").body().contains("\"write_token_required\":true"));

            HttpResponse<String> accepted = post(app, "Bearer " + TOKEN);
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals("succeeded", app.awaitRun(accepted).get("status").asText());
        }
    }

    private static HttpResponse<String> post(RunningApplication app, String authorization) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url("/api/runs")))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
