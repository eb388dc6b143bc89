package dev.retailpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away at start, and stopped in the middle of a run and started again, under the packaged application: the run ends failed
 * in the ledger naming the warehouse (the record kept until the database answers), health and the ledger's pages
 * answer 503 JSON while it is away and 200 after, with no restart; the next run succeeds and the warehouse equals a
 * clean run's.
 */
class PostgresStoppedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RANGE = "{\"from\": \"2025-01-01\", \"to\": \"2025-01-08\"}";
    private static final Map<String, String> SHOP = Map.of("GENERATOR_START", "2025-01-01T00", "GENERATOR_SCALE", "2");

    @Test
    void aWarehouseThatGoesAwayMidRunFailsTheRunNamingItAndTheServiceRecoversWithoutARestart() throws Exception {
        Path work = Files.createTempDirectory("pg-stopped");
        Path data = work.resolve("pgdata");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(data, port);
        Map<String, String> afterRecovery;
        try (JarProcess app = JarProcess.start(work, env(pg), List.of("-Xmx256m"))) {
            var accepted = app.post("/api/runs", RANGE);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).get("run_id").asText();
            awaitStep(app, id, "etl ");
            pg.close();

            app.awaitNoActiveRun(Duration.ofMinutes(3));
            assertThat(app.get("/api/health").statusCode()).isEqualTo(503);
            var runs = app.get("/api/runs");
            assertThat(runs.statusCode()).isEqualTo(503);
            assertThat(runs.body()).contains("\"error\":\"warehouse_unavailable\"");
            assertThat(app.log()).doesNotContain("\tat org.postgresql");

            pg = start(data, port);
            app.awaitHealthy(Duration.ofSeconds(60));
            JsonNode failed = app.json("/api/runs/" + id);
            assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.get("error").get("message").asText()).startsWith("the warehouse");

            JsonNode next = app.runToEnd(RANGE, Duration.ofMinutes(5));
            assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("succeeded");
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                afterRecovery = WarehouseChecksums.of(c);
            }
        } finally {
            pg.close();
        }

        try (EmbeddedPostgres clean = EmbeddedPostgres.builder().start();
             JarProcess app = JarProcess.start(Files.createDirectories(work.resolve("clean")), env(clean),
                     List.of("-Xmx256m"))) {
            assertThat(app.runToEnd(RANGE, Duration.ofMinutes(5)).get("status").asText()).isEqualTo("succeeded");
            try (Connection c = clean.getPostgresDatabase().getConnection()) {
                assertThat(afterRecovery).isEqualTo(WarehouseChecksums.of(c));
            }
        }
    }

    @Test
    void aWarehouseAwayAtStartGivesARunningServiceThatRefusesRunsAndRecoversWithoutARestart() throws Exception {
        Path work = Files.createTempDirectory("pg-away");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(SHOP);
        env.put("WAREHOUSE_URL", "jdbc:postgresql://localhost:" + port + "/postgres");
        env.put("WAREHOUSE_USER", "postgres");
        env.put("WAREHOUSE_PASSWORD", "postgres");
        env.put("INGEST_TIMER_ENABLED", "false");
        EmbeddedPostgres pg = null;
        try (JarProcess app = JarProcess.start(work, env, List.of("-Xmx256m"))) {
            var health = app.get("/api/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"warehouse\":\"postgres\"").doesNotContain(String.valueOf(port));
            var refused = app.post("/api/runs", RANGE);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("\"error\":\"warehouse_unavailable\"");
            assertThat(app.log()).doesNotContain("\tat org.postgresql");

            pg = start(work.resolve("pgdata"), port);
            app.awaitHealthy(Duration.ofSeconds(60));
            // the refused run, kept while the ledger's database was away, is recorded as failed at the plan
            JsonNode runs = app.json("/api/runs");
            assertThat(runs.get("runs")).hasSize(1);
            assertThat(runs.get("runs").get(0).get("status").asText()).isEqualTo("failed");
            JsonNode run = app.runToEnd(RANGE, Duration.ofMinutes(5));
            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
            assertThat(app.json("/api/runs").get("runs")).hasSize(2);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static Map<String, String> env(EmbeddedPostgres pg) {
        Map<String, String> env = new HashMap<>(SHOP);
        env.put("WAREHOUSE_URL", pg.getJdbcUrl("postgres", "postgres"));
        env.put("WAREHOUSE_USER", "postgres");
        env.put("WAREHOUSE_PASSWORD", "postgres");
        return env;
    }

    private static void awaitStep(JarProcess app, String id, String prefix) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = app.json("/api/runs/" + id);
            if (run.path("current_step").asText().startsWith(prefix)) {
                return;
            }
            assertThat(run.get("status").asText()).as("the run ended before the stop: " + run).isEqualTo("running");
            Thread.sleep(20);
        }
        throw new AssertionError("the run did not reach a step starting with " + prefix);
    }



}
