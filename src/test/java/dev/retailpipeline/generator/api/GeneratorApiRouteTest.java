package dev.retailpipeline.generator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator API's route (generator-api.camel.yaml) in the real application with a fixed clock: what it answers
 * without an hour, to a bad one, when its bean fails, and for a range.
 */
class GeneratorApiRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:30:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> SETTINGS = Map.of("generator.start", "2025-01-01T00",
            "generator.seed", "42", "generator.scale", "1");

    @TempDir
    Path dir;

    @Test
    void withoutAnHourTheAnswerIsTheLastCompletedHourOfTheClock() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, SETTINGS, CLOCK)) {
            HttpResponse<String> out = app.get("/api/transactions?seed=1");
            assertEquals(200, out.statusCode(), out.body());
            assertEquals("2025-12-31T23", out.headers().firstValue("X-Batch-Hour").orElse(""));
            assertEquals("2025-12-31T23", JSON.readTree(out.body()).get("batch").get("hour").asText());
        }
    }

    @Test
    void aBadHourIsAnsweredWith400NamingTheParameter() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, SETTINGS, CLOCK)) {
            HttpResponse<String> out = app.get("/api/transactions?hour=soon");
            assertEquals(400, out.statusCode());
            assertEquals("hour", JSON.readTree(out.body()).get("parameter").asText());
        }
    }

    @Test
    void anUnexpectedFailureOfTheRoutesBeanBecomesA500WithAJsonBodyAndNoStackTrace() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, SETTINGS, CLOCK, context ->
                AdviceWith.adviceWith(context, "api-transactions", route -> route.weaveById("generate-transactions")
                        .replace().throwException(new IllegalStateException("disk on fire at Foo.java:12"))))) {
            HttpResponse<String> out = app.get("/api/transactions");
            assertEquals(500, out.statusCode());
            JsonNode body = JSON.readTree(out.body());
            assertEquals("internal_error", body.get("error").asText());
            assertFalse(out.body().contains("disk on fire"), "the cause stays in the log");
            assertTrue(out.body().contains("see its log"));
        }
    }

    @Test
    void aRangeIsStreamedInChunksNotSentAsOneBufferedBody() throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, SETTINGS, CLOCK)) {
            HttpResponse<String> out = app.get("/api/transactions?from=2025-06-01T00&to=2025-06-02T00");
            assertEquals(200, out.statusCode());
            // sent chunked: written while it is generated, so its length is not known up front (a buffered body has one)
            assertTrue(out.headers().firstValue("Content-Length").isEmpty(), out.headers().map().toString());
            assertEquals(24, out.body().lines().filter(l -> l.startsWith("{\"table\":\"_summary\"")).count());
        }
    }
}
