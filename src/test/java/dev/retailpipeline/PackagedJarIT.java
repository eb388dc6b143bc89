package dev.retailpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
        Path jar = Path.of("target", "retail-pipeline.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "run mvn package first");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile());
        pb.environment().put("HTTP_PORT", String.valueOf(port));
        pb.environment().put("INGEST_TIMER_ENABLED", "false");
        pb.environment().put("WAREHOUSE_URL", "jdbc:duckdb:" + work.resolve("data/retail.duckdb"));
        pb.environment().put("WAREHOUSE_USER", "analyst");
        pb.environment().put("WAREHOUSE_PASSWORD", "pw-that-must-not-be-logged");
        pb.environment().put("API_WRITE_TOKEN", "write-token-that-must-not-be-logged");
        Process app = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> schema = awaitUp(http, "http://127.0.0.1:" + port + "/api/schema", app);
            assertEquals(200, schema.statusCode());
            assertTrue(schema.body().contains("order_items"));
            HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/transactions?hour=2025-06-01T12&format=ndjson")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, batch.statusCode());
            assertTrue(batch.body().lines().anyMatch(l -> l.startsWith("{\"table\":\"orders\"")));
            HttpResponse<String> runs = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/runs")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, runs.statusCode(), "the ledger tables exist: the jar carries the sql folder");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\"}", health.body());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("retail_pipeline_runs{status=\"succeeded\"} 0.0"), metrics.body());
            HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, openapi.statusCode());
            assertTrue(openapi.body().contains("/api/analytics/view:"), "the jar carries the OpenAPI description");
            HttpResponse<String> unauthorized = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unauthorized.statusCode(), "API_WRITE_TOKEN from the environment protects the write endpoint");
            assertTrue(Files.isDirectory(work.resolve("routes")), "the external routes folder is created");
            String log = Files.readString(work.resolve("app.log"));
            assertTrue(log.contains("password=****"), "the warehouse is logged with its password masked");
            assertTrue(!log.contains("pw-that-must-not-be-logged"), "secrets are never logged");
            assertTrue(!log.contains("write-token-that-must-not-be-logged"), "the write token is never logged");
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private HttpResponse<String> awaitUp(HttpClient http, String url, Process app) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the application exited:\n" + Files.readString(work.resolve("app.log")));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404) {
                    return response;
                }
                // the server listens before the routes are added: a 404 means not started yet
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the application did not answer within 60 s:\n" + Files.readString(work.resolve("app.log")));
    }
}
