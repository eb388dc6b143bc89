package dev.retailpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application killed (SIGKILL) at random moments of a run, started again and left to finish (the same
 * backfill posted again, or the hourly timer's catch-up): every time, the warehouse (counts and content checksums of
 * every raw table, dimension, fact and the quarantine) equals a clean run's. The kills fall anywhere in a run: the
 * first chunk with its snapshot of an empty warehouse, fetches, loads, commits and every stage of the SQL ETL: each
 * kill aims at a random chunk and a random step of it and falls as soon as the run gets there.
 *
 * <p>{@code mvn verify} kills 4 times (3 backfills, 1 timer catch-up); {@code -Dcrash.kills=20} kills 20 times.
 */
class KilledMidRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKFILL = "{\"from\": \"2025-01-10\", \"to\": \"2025-01-13\"}";
    private static final Map<String, String> SHOP = Map.of("GENERATOR_START", "2025-01-01T00", "GENERATOR_DIRTY", "0.02",
            "INGEST_CHUNK_HOURS", "12");
    private static final int KILLS = Integer.getInteger("crash.kills", 4);

    @TempDir
    Path work;

    @Test
    void aRunKilledAtAnyMomentAndRunAgainLeavesTheWarehouseAsACleanRunDoes() throws Exception {
        Path cleanDir = Files.createDirectories(work.resolve("clean"));
        try (JarProcess app = JarProcess.start(cleanDir, SHOP)) {
            JsonNode run = awaitEnd(app, start(app, BACKFILL));
            assertEquals("succeeded", run.get("status").asText(), run.toString());
        }
        Map<String, String> expected = checksums(cleanDir);
        assertTrue(Long.parseLong(expected.get("fct_sales").split(":")[0]) > 1000, expected.toString());
        assertTrue(Long.parseLong(expected.get("quarantine").split(":")[0]) > 0, "dirty rows are set aside: " + expected);

        Random random = new Random(20261201L);
        List<String> killedAt = new ArrayList<>();
        int timerKills = Math.max(1, KILLS / 4);
        for (int i = 0; i < KILLS - timerKills; i++) {
            Path dir = Files.createDirectories(work.resolve("killed-" + i));
            Target target = Target.random(random, 6);
            String runId;
            try (JarProcess app = JarProcess.start(dir, SHOP)) {
                runId = start(app, BACKFILL);
                killedAt.add(killAt(app, runId, target));
            }
            try (JarProcess app = JarProcess.start(dir, SHOP)) {
                JsonNode interrupted = app.json("/api/runs/" + runId);
                assertTrue(Set.of("failed", "succeeded").contains(interrupted.get("status").asText()), interrupted.toString());
                JsonNode rerun = awaitEnd(app, start(app, BACKFILL));
                assertEquals("succeeded", rerun.get("status").asText(), rerun.toString());
            }
            assertEquals(expected, checksums(dir), "killed at " + killedAt.get(killedAt.size() - 1));
            assertLedgerAgreesWithTheChunks(dir, runId, killedAt.get(killedAt.size() - 1));
        }

        // the hourly timer's first backfill of an empty warehouse, killed, then its catch-up after the restart
        for (int i = 0; i < timerKills; i++) {
            Path dir = Files.createDirectories(work.resolve("timer-" + i));
            Map<String, String> timer = new HashMap<>(SHOP);
            timer.put("INGEST_TIMER_ENABLED", "true");
            timer.put("INGEST_BACKFILL_DAYS", "2");
            Target target = Target.random(random, 4);
            try (JarProcess app = JarProcess.start(dir, timer)) {
                String runId = awaitFirstRunAfter(app, 0);
                killedAt.add("timer " + killAt(app, runId, target));
            }
            try (JarProcess app = JarProcess.start(dir, timer)) {
                String runId = awaitFirstRunAfter(app, 1);
                if (runId != null) {
                    JsonNode last = awaitEnd(app, runId);
                    assertEquals("succeeded", last.get("status").asText(), last.toString());
                }
            }
            // the same hours backfilled in one clean run: the snapshot's hour, then the rest up to the last loaded
            String[] loaded = loadedRange(dir);
            Path reference = Files.createDirectories(work.resolve("timer-reference-" + i));
            try (JarProcess app = JarProcess.start(reference, SHOP)) {
                JsonNode run = awaitEnd(app, start(app, "{\"from\": \"" + loaded[0] + "\", \"to\": \"" + loaded[1] + "\"}"));
                assertEquals("succeeded", run.get("status").asText(), run.toString());
            }
            assertEquals(checksums(reference), checksums(dir), "timer run killed at " + killedAt.get(killedAt.size() - 1));
        }
        System.out.println("KilledMidRunIT: " + killedAt.size() + " kills, each followed by a warehouse equal to a clean run's; "
                + "killed at: " + killedAt);
    }

    /** The steps of a chunk in the order they run, by the prefix of their name in the run's progress. */
    private static final List<String> STEPS = List.of("begin", "replace hours", "split", "marshal raw_stores",
            "load raw_stores", "marshal raw_customers", "load raw_customers", "marshal raw_products", "load raw_products",
            "marshal raw_orders", "load raw_orders", "marshal raw_order_items", "load raw_order_items",
            "marshal raw_payments", "load raw_payments", "marshal raw_batch_manifest", "load raw_batch_manifest",
            "marshal raw_batch_summary", "load raw_batch_summary", "etl 10_staging", "etl 20_dimensions",
            "etl 30_facts", "etl 90_checks", "commit");

    /** Where to kill: a chunk (by how many committed before it) and a step of it. */
    record Target(int chunk, int step) {
        static Target random(Random random, int chunks) {
            return new Target(random.nextInt(chunks), random.nextInt(STEPS.size()));
        }

        /** Whether the run has reached this point: a later chunk, or this chunk at or past the step. */
        boolean reachedBy(int committedChunks, String currentStep) {
            if (committedChunks != chunk) {
                return committedChunks > chunk;
            }
            return stepIndex(currentStep) >= step;
        }
    }

    private static int stepIndex(String current) {
        int found = -1;
        for (int i = 0; i < STEPS.size(); i++) {
            if (current.startsWith(STEPS.get(i))) {
                found = i;
            }
        }
        return found;
    }

    /** Follows the run and kills the process once it reaches the target (or has ended); returns where it was. */
    private static String killAt(JarProcess app, String runId, Target target) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        String where = "?";
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = app.json("/api/runs/" + runId);
            int done = run.get("hours").get("done").asInt();
            int committed = done == 0 ? 0 : 1 + (done - 13) / 12;
            String step = run.path("current_step").asText(run.get("status").asText());
            where = step + " of chunk " + (committed + 1) + " (" + done + " h done)";
            if (!run.get("status").asText().equals("running") || target.reachedBy(committed, step)) {
                break;
            }
            Thread.sleep(2);
        }
        app.kill();
        return where;
    }

    private static String start(JarProcess app, String body) throws Exception {
        var accepted = app.post("/api/runs", body);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).get("run_id").asText();
    }

    /**
     * The run the timer starts once the ledger holds more than {@code before} runs; null when the timer found the
     * warehouse up to date (the killed run had finished).
     */
    private static String awaitFirstRunAfter(JarProcess app, int before) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode runs = app.json("/api/runs");
            // the page and the total are read one after the other: a run started in between is in the total only
            if (runs.get("total").asInt() > before && runs.get("runs").size() > before) {
                return runs.get("runs").get(0).get("run_id").asText();
            }
            if (app.log().contains("the warehouse is up to date")) {
                return null;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the timer started no run:\n" + app.log());
    }

    private static JsonNode awaitEnd(JarProcess app, String runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = app.json("/api/runs/" + runId);
            if (!"running".equals(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end within 300 s:\n" + app.log());
    }

    /** The first hour after the snapshot and the end of the watermark, as a backfill's from and to. */
    private static String[] loadedRange(Path work) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("data/retail.duckdb"));
             var s = c.createStatement();
             var rs = s.executeQuery("select strftime(min(chunk_from) + interval '1 hour', '%Y-%m-%dT%H'),"
                     + " strftime(max(chunk_to), '%Y-%m-%dT%H') from pipeline_chunks")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    /** Read after the process has stopped: a DuckDB file is locked by the process that has it open. */
    /**
     * The killed run's ledger record agrees with what it committed: its hours are its committed chunks' hours, and
     * a run that committed a chunk has that chunk's check verdicts (they commit with the chunk).
     */
    private static void assertLedgerAgreesWithTheChunks(Path work, String runId, String killedAt) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("data/retail.duckdb"))) {
            long committed = number(c, "select coalesce(sum(date_diff('hour', chunk_from, chunk_to)), 0)"
                    + " from pipeline_chunks where run_id = ?", runId);
            long recorded = number(c, "select hours_done from pipeline_runs where run_id = ?", runId);
            assertEquals(committed, recorded, "the ledger's hours of the run killed at " + killedAt);
            if (committed > 0) {
                assertTrue(number(c, "select count(*) from etl_check_results where run_id = ?", runId) > 0,
                        "the check verdicts of the committed chunks, run killed at " + killedAt);
            }
        }
    }

    private static long number(Connection c, String sql, String runId) throws Exception {
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, String> checksums(Path work) throws Exception {
        Path file = work.resolve("data/retail.duckdb");
        assertTrue(Files.exists(file));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            return WarehouseChecksums.of(c);
        }
    }
}
