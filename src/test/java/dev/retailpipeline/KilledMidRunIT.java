package dev.retailpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application killed (SIGKILL) in the middle of a backfill, started again, and the same backfill run
 * again: the warehouse ends up exactly as a clean run leaves it (raw tables, dimensions, facts, quarantine), and
 * the ledger records the killed run as failed, "interrupted".
 */
class KilledMidRunIT {

    private static final String BACKFILL = "{\"from\": \"2025-01-01\", \"to\": \"2025-01-04\"}";
    private static final Map<String, String> SHOP = Map.of("GENERATOR_START", "2025-01-01T00", "GENERATOR_DIRTY", "0.02");

    /** What is compared: row counts of every table a run writes, and the facts' sums. */
    private static final String FINGERPRINT = """
            select 'raw_stores' as what, count(*) as value from raw_stores
            union all select 'raw_customers', count(*) from raw_customers
            union all select 'raw_products', count(*) from raw_products
            union all select 'raw_orders', count(*) from raw_orders
            union all select 'raw_order_items', count(*) from raw_order_items
            union all select 'raw_payments', count(*) from raw_payments
            union all select 'raw_batch_summary', count(*) from raw_batch_summary
            union all select 'quarantine', count(*) from quarantine
            union all select 'dim_customer', count(*) from dim_customer
            union all select 'dim_product', count(*) from dim_product
            union all select 'dim_store', count(*) from dim_store
            union all select 'fct_orders', count(*) from fct_orders
            union all select 'fct_orders delivered', count(delivered_at) from fct_orders
            union all select 'fct_sales', count(*) from fct_sales
            union all select 'fct_sales net cents', cast(round(sum(net_amount) * 100) as bigint) from fct_sales
            union all select 'fct_sales units', sum(quantity) from fct_sales
            union all select 'fct_sales customer keys', sum(customer_key) from fct_sales
            union all select 'fct_sales product keys', sum(product_key) from fct_sales
            """;

    @TempDir
    Path clean;

    @TempDir
    Path killed;

    @Test
    void aRunKilledMidwayAndRunAgainLeavesTheWarehouseAsACleanRunDoes() throws Exception {
        try (JarProcess app = JarProcess.start(clean, SHOP)) {
            assertEquals("succeeded", awaitEnd(app, start(app)).get("status").asText());
        }
        Map<String, Long> expected = fingerprint(clean);
        assertTrue(expected.get("fct_sales") > 1000, expected.toString());
        assertTrue(expected.get("quarantine") > 0, "the dirty rows are set aside: " + expected);

        String killedRun;
        try (JarProcess app = JarProcess.start(killed, SHOP)) {
            killedRun = start(app);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (app.json("/api/runs/" + killedRun).get("hours").get("done").asInt() < 24) {
                assertTrue(Instant.now().isBefore(deadline), "the run did not reach 24 hours");
                Thread.sleep(20);
            }
            app.kill();
        }
        try (JarProcess app = JarProcess.start(killed, SHOP)) {
            JsonNode interrupted = app.json("/api/runs/" + killedRun);
            assertEquals("failed", interrupted.get("status").asText(), interrupted.toString());
            assertEquals("interrupted", interrupted.get("error").get("step").asText(), interrupted.toString());
            int done = interrupted.get("hours").get("done").asInt();
            assertTrue(done >= 24 && done < 72, "killed midway: " + done + " of 72 hours were loaded");

            assertEquals("succeeded", awaitEnd(app, start(app)).get("status").asText());
        }
        assertEquals(expected, fingerprint(killed));
    }

    private static String start(JarProcess app) throws Exception {
        var accepted = app.post("/api/runs", BACKFILL);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(accepted.body()).get("run_id").asText();
    }

    private static JsonNode awaitEnd(JarProcess app, String runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = app.json("/api/runs/" + runId);
            if (!"running".equals(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not end within 300 s:\n" + app.log());
    }

    /** Read after the process has stopped: a DuckDB file is locked by the process that has it open. */
    private static Map<String, Long> fingerprint(Path work) throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        Path file = work.resolve("data/retail.duckdb");
        assertTrue(Files.exists(file));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(FINGERPRINT)) {
            while (rs.next()) {
                values.put(rs.getString("what"), rs.getLong("value"));
            }
        }
        return values;
    }
}
