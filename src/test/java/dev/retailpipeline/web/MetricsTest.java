package dev.retailpipeline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/metrics over HTTP: the pipeline's figures follow the ledger and the clock (runs, rows, the hour loaded
 * through and how far behind the clock it is), in Prometheus' text format, with the JVM's metrics beside them.
 */
class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void theFiguresFollowTheLedgerAndTheDataGoesStaleAsTheClockMoves() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-01T06:10:00Z"));
        try (RunningApplication app = RunningApplication.start(dir, Map.of("generator.start", "2025-01-01T00",
                "ingest.initial-backfill-days", "1"), clock)) {
            String before = scrape(app);
            assertEquals(0.0, value(before, "retail_pipeline_runs{status=\"succeeded\"}"));
            assertTrue(Double.isNaN(value(before, "retail_pipeline_hours_behind")), "nothing loaded: no freshness yet");
            assertEquals(0.0, value(before, "retail_pipeline_run_active"));

            JsonNode run = app.awaitRun(app.post("/api/runs", null));
            assertEquals("succeeded", run.get("status").asText());
            String after = scrape(app);
            assertEquals(1.0, value(after, "retail_pipeline_runs{status=\"succeeded\"}"));
            assertEquals(0.0, value(after, "retail_pipeline_runs{status=\"failed\"}"));
            assertEquals(run.get("rows_loaded").asDouble(), value(after, "retail_pipeline_rows_loaded"));
            assertEquals(Instant.parse("2025-01-01T06:00:00Z").getEpochSecond(),
                    value(after, "retail_pipeline_loaded_through_timestamp_seconds"), 0.001, "hours 00..05 are loaded");
            assertEquals(10 / 60.0, value(after, "retail_pipeline_hours_behind"), 0.001);
            assertTrue(value(after, "jvm_memory_used_bytes{area=\"heap\",id=") >= 0, "the JVM's metrics are there too");

            clock.advance(Duration.ofHours(3));
            assertEquals(3 + 10 / 60.0, value(scrape(app), "retail_pipeline_hours_behind"), 0.001,
                    "no run for three hours: the data is three hours staler");
        }
    }

    @Test
    void aWarehouseThatDoesNotAnswerGivesNaNFiguresNotAnError() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Warehouse gone = new Warehouse("jdbc:postgresql://127.0.0.1:" + closed + "/retail?connectTimeout=2", "u", "pw");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        new Metrics(gone, () -> java.util.Optional.<String>empty(), java.time.Clock.systemUTC()).scrape(exchange);
        assertEquals(200, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        String body = exchange.getMessage().getBody(String.class);
        assertTrue(Double.isNaN(value(body, "retail_pipeline_runs{status=\"succeeded\"}")), body);
        assertTrue(Double.isNaN(value(body, "retail_pipeline_hours_behind")));
        assertTrue(value(body, "jvm_threads_live_threads") > 0, "the JVM's figures still come");
    }

    private static String scrape(RunningApplication app) throws Exception {
        HttpResponse<String> response = app.get("/api/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return response.body();
    }

    /** The value of the first sample whose name and labels start with {@code prefix}. */
    private static double value(String exposition, String prefix) {
        Matcher m = Pattern.compile("^" + Pattern.quote(prefix) + ".* (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        assertTrue(m.find(), "no sample " + prefix + " in:\n" + exposition);
        return Double.parseDouble(m.group(1));
    }
}
