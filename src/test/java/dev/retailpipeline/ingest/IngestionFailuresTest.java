package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.retailpipeline.time.HourRange;

/**
 * The error channel: a source that fails for one hour (HTTP 500, a cut-off body, or nobody listening) gives a
 * failed run with the hour, the step and the reason in the ledger, after retries; the raw tables hold no part
 * of the failing hour; the application stays up and the next run succeeds.
 */
class IngestionFailuresTest extends IngestionTestSupport {

    enum Behaviour { SERVE, FAIL_500, CUT_OFF }

    private final RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour(START)));
    private final Map<String, Behaviour> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private HttpServer source;

    @Override
    Map<String, String> warehouse() {
        return Map.of("warehouse.url", "jdbc:duckdb:" + dir.resolve("warehouse.duckdb"));
    }

    @BeforeEach
    void startSource() throws IOException {
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.createContext("/api/transactions", this::serve);
        source.start();
    }

    @AfterEach
    void stopSource() {
        source.stop(0);
    }

    /** The range endpoint of a source: the hours from..to as NDJSON, unless the first hour is told to misbehave. */
    private void serve(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String hour = query.replaceAll(".*from=([^&]+).*", "$1");
        long to = HourRange.parseHour(query.replaceAll(".*to=([^&]+).*", "$1"));
        requests.computeIfAbsent(hour, h -> new AtomicInteger()).incrementAndGet();
        Behaviour b = behaviour.getOrDefault(hour, Behaviour.SERVE);
        if (b == Behaviour.FAIL_500) {
            byte[] body = "{\"error\":\"database of the shop is down\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        generator.writeRange(SEED, HourRange.parseHour(hour), to - 1, 1, 0, batch);
        byte[] body = batch.toByteArray();
        int length = b == Behaviour.CUT_OFF ? body.length / 2 : body.length;
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, length);
        }
    }

    private RunningApplication startAgainst(String sourceUrl) throws Exception {
        return start(new MovableClock(Instant.parse("2025-01-02T00:30:00Z")), Map.of(
                "ingest.source-url", sourceUrl,
                "ingest.retry.max-redeliveries", "2",
                "ingest.chunk-hours", "1",
                "ingest.retry.delay-ms", "10"));
    }

    private String sourceUrl() {
        return "http://127.0.0.1:" + source.getAddress().getPort() + "/api/transactions";
    }

    @Test
    void http500FailsTheRunAtThatHourAfterRetriesAndTheNextRunSucceeds() throws Exception {
        behaviour.put("2025-01-01T03", Behaviour.FAIL_500);
        try (RunningApplication app = startAgainst(sourceUrl())) {
            JsonNode failed = awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}"));
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertEquals(3, failed.get("hours").get("done").asInt(), "hours before the failing one are loaded");
            assertEquals("2025-01-01T03:00:00Z", failed.get("error").get("hour").asText());
            assertEquals("fetch", failed.get("error").get("step").asText());
            assertTrue(failed.get("error").get("message").asText().contains("HTTP 500"), failed.toString());
            assertTrue(failed.get("error").get("message").asText().contains("database of the shop is down"));
            assertEquals(3, requests.get("2025-01-01T03").get(), "one try and two redeliveries");
            Warehouse warehouse = warehouse(app);
            assertEquals(3, RawTables.count(warehouse, "select count(*) from raw_batch_summary"));
            assertEquals(0, RawTables.count(warehouse,
                    "select count(*) from raw_orders where batch_hour >= cast('2025-01-01 03:00:00' as timestamp)"));

            behaviour.clear();
            JsonNode next = awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}"));
            assertEquals("succeeded", next.get("status").asText(), next.toString());
            assertNull(next.get("error"));
            assertEquals(6, RawTables.count(warehouse, "select count(*) from raw_batch_summary"));
        }
    }

    @Test
    void cutOffJsonFailsTheRunWithoutAPartialBatch() throws Exception {
        behaviour.put("2025-01-01T02", Behaviour.CUT_OFF);
        try (RunningApplication app = startAgainst(sourceUrl())) {
            JsonNode failed = awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T04\"}"));
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertEquals("2025-01-01T02:00:00Z", failed.get("error").get("hour").asText());
            assertEquals("split", failed.get("error").get("step").asText());
            assertTrue(failed.get("error").get("message").asText().startsWith("the generator sent a malformed batch"),
                    failed.toString());
            Warehouse warehouse = warehouse(app);
            for (RawTable table : RawTable.values()) {
                assertEquals(0, RawTables.count(warehouse, "select count(*) from " + table.rawTable()
                        + " where batch_hour = cast('2025-01-01 02:00:00' as timestamp)"), table.rawTable());
            }
            behaviour.clear();
            assertEquals("succeeded", awaitRun(app, app.post("/api/runs",
                    "{\"from\": \"2025-01-01T02\", \"to\": \"2025-01-01T04\"}")).get("status").asText());
        }
    }

    @Test
    void unreachableGeneratorFailsTheRunWithThatReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RunningApplication app = startAgainst("http://127.0.0.1:" + closedPort + "/api/transactions")) {
            JsonNode failed = awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T02\"}"));
            assertEquals("failed", failed.get("status").asText());
            assertTrue(failed.get("error").get("message").asText().startsWith("the generator is unreachable"), failed.toString());
            assertEquals(200, app.get("/api/schema").statusCode(), "the application stays up");
        }
    }

    @Test
    void badBackfillBodiesGet400AndStartNoRun() throws Exception {
        try (RunningApplication app = startAgainst(sourceUrl())) {
            for (String body : new String[] {"{", "[]", "{\"from\": \"2025-01-01\"}", "{\"from\": \"yesterday\", \"to\": \"2025-01-02\"}",
                    "{\"from\": \"2025-01-02\", \"to\": \"2025-01-01\"}", "{\"from\": \"2025-01-01\", \"to\": \"2030-01-01\"}",
                    "{\"from\": \"2025-01-01\", \"to\": \"2025-01-02\", \"scale\": 5}"}) {
                var response = app.post("/api/runs", body);
                assertEquals(400, response.statusCode(), body + " -> " + response.body());
                assertTrue(JSON.readTree(response.body()).has("detail"), body);
            }
            assertEquals(0, JSON.readTree(app.get("/api/runs").body()).get("total").asInt());
            assertEquals(404, app.get("/api/runs/no-such-run").statusCode());
            assertEquals(400, app.get("/api/runs?limit=0").statusCode());
        }
    }

    @Test
    void backfillOverTheConfiguredLimitGets413NamingTheLimit() throws Exception {
        try (RunningApplication app = start(new MovableClock(Instant.parse("2025-01-02T00:30:00Z")),
                Map.of("ingest.source-url", sourceUrl(), "range.max-hours", "12"))) {
            var response = app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-01-02\"}");
            assertEquals(413, response.statusCode(), response.body());
            assertEquals("range.max-hours", JSON.readTree(response.body()).get("limit").asText());
            assertEquals(413, app.get("/api/transactions?from=2025-01-01T00&to=2025-01-02T00").statusCode(),
                    "the generator API and the triggers keep one limit");
            assertEquals(0, JSON.readTree(app.get("/api/runs").body()).get("total").asInt());
        }
    }
}
