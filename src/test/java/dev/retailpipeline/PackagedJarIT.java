package dev.retailpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged artifact as a user runs it: {@code java -jar target/retail-pipeline.jar} from an empty folder
 * (so the SQL comes from the jar's copy), configured only by environment variables.
 */
class PackagedJarIT {

    @TempDir
    Path work;

    @Test
    void packagedJarStartsFromAnEmptyFolderAndServesTheApi() throws Exception {
        try (JarProcess app = JarProcess.start(work, Map.of(
                "WAREHOUSE_USER", "analyst",
                "WAREHOUSE_PASSWORD", "pw-that-must-not-be-logged",
                "API_WRITE_TOKEN", "write-token-that-must-not-be-logged"))) {
            HttpResponse<String> schema = app.get("/api/schema");
            assertEquals(200, schema.statusCode());
            assertTrue(schema.body().contains("order_items"));
            HttpResponse<String> batch = app.get("/api/transactions?hour=2025-06-01T12&format=ndjson");
            assertEquals(200, batch.statusCode());
            assertTrue(batch.body().lines().anyMatch(l -> l.startsWith("{\"table\":\"orders\"")));
            assertEquals(200, app.get("/api/runs").statusCode(), "the ledger tables exist: the jar carries the sql folder");
            HttpResponse<String> health = app.get("/api/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\"}", health.body());
            HttpResponse<String> metrics = app.get("/api/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("retail_pipeline_runs{status=\"succeeded\"} 0.0"), metrics.body());
            HttpResponse<String> openapi = app.get("/api/openapi.yaml");
            assertEquals(200, openapi.statusCode());
            assertTrue(openapi.body().contains("/api/analytics/view:"), "the jar carries the OpenAPI description");
            assertEquals(401, app.post("/api/runs", null).statusCode(),
                    "API_WRITE_TOKEN from the environment protects the write endpoint");
            assertTrue(Files.isDirectory(work.resolve("routes")), "the external routes folder is created");
            String log = app.log();
            assertTrue(log.contains("password=****"), "the warehouse is logged with its password masked");
            assertTrue(!log.contains("pw-that-must-not-be-logged"), "secrets are never logged");
            assertTrue(!log.contains("write-token-that-must-not-be-logged"), "the write token is never logged");
        }
    }

    @Test
    void aSecondInstanceOnAPortInUseRefusesToStartAndLoadsNothing() throws Exception {
        // it used to start without its HTTP server and let its timer ingest from the process holding the port
        try (JarProcess first = JarProcess.start(Files.createDirectories(work.resolve("first")), Map.of())) {
            Path second = Files.createDirectories(work.resolve("second"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("target", "retail-pipeline.jar").toAbsolutePath().toString())
                    .directory(second.toFile()).redirectErrorStream(true);
            pb.environment().put("HTTP_PORT", String.valueOf(first.port()));
            pb.environment().put("INGEST_TIMER_ENABLED", "true");
            pb.environment().put("INGEST_BACKFILL_DAYS", "1");
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
            assertEquals(1, process.exitValue(), output);
            assertTrue(output.contains("retail-pipeline did not start: the HTTP server cannot listen on 127.0.0.1:"
                    + first.port() + " (Address already in use)"), output);
            assertTrue(!output.contains("Run "), "no run started: " + output);
            assertEquals(0, first.json("/api/runs").get("total").asInt(), "the first instance served no one");
        }
    }

    @Test
    void aStopDuringARunEndsItAtAChunkBoundaryNamingTheStopAndLeavesOneDatabaseFile() throws Exception {
        Map<String, String> shop = Map.of("GENERATOR_START", "2025-01-01T00", "GENERATOR_SCALE", "3",
                "INGEST_CHUNK_HOURS", "48");
        String id;
        try (JarProcess app = JarProcess.start(work, shop)) {
            HttpResponse<String> accepted = app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-06-01\"}");
            assertEquals(202, accepted.statusCode(), accepted.body());
            id = app.json("/api/runs").get("runs").get(0).get("run_id").asText();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
            while (app.json("/api/runs/" + id).get("hours").get("done").asInt() < 48) {
                assertTrue(java.time.Instant.now().isBefore(deadline), "a chunk committed within 2 minutes");
                Thread.sleep(100);
            }
        } // SIGTERM, as a user or an orchestrator stops it
        assertTrue(!Files.exists(work.resolve("data/retail.duckdb.wal")),
                "the write-ahead log was folded into the database file at the stop");
        try (JarProcess app = JarProcess.start(work, shop)) {
            var run = app.json("/api/runs/" + id);
            assertEquals("failed", run.get("status").asText(), run.toString());
            assertTrue(run.get("error").get("message").asText().startsWith("the service was stopped"), run.toString());
            int done = run.get("hours").get("done").asInt();
            assertTrue(done >= 48 && done < run.get("hours").get("requested").asInt(), run.toString());
            assertEquals(200, app.get("/api/health").statusCode());
        }
    }
}
