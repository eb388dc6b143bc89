package dev.retailpipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The same pipeline health endpoints and data docs on a real PostgreSQL (embedded binaries), its catalog in schema
 * public; and with PostgreSQL away, each endpoint's 503 JSON.
 */
class PipelineEndpointsPostgresTest extends PipelineEndpointsTest {

    private EmbeddedPostgres pg;

    @Override
    Map<String, String> freshWarehouse(String name) throws Exception {
        if (pg == null) {
            pg = EmbeddedPostgres.builder().start();
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return Map.of("warehouse.url", pg.getJdbcUrl("postgres", name), "warehouse.user", "postgres",
                "warehouse.password", "postgres");
    }

    @Override
    String schema() {
        return "public";
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void withTheWarehouseAwayEachEndpointAnswers503JsonWithoutTheConnectionString() throws Exception {
        // nothing listens on port 1: the service starts and says the warehouse does not answer
        String url = "jdbc:postgresql://127.0.0.1:1/none";
        Map<String, String> props = Map.of("warehouse.url", url, "warehouse.user", "postgres",
                "warehouse.password", "secret-password");
        try (RunningApplication away = DashboardTestSupport.start(Files.createDirectories(dir.resolve("away")),
                new MovableClock(java.time.Instant.parse("2025-01-05T00:10:00Z")), props)) {
            for (String endpoint : ENDPOINTS) {
                JsonNode body = answer(away, endpoint, 503);
                assertEquals("warehouse_unavailable", body.get("error").asText(), endpoint);
                for (String secret : new String[] {url, "127.0.0.1:1", "postgresql", "secret-password"}) {
                    assertFalse(body.toString().contains(secret), endpoint + " -> " + body);
                }
            }
        }
    }
}
