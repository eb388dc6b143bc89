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
}
