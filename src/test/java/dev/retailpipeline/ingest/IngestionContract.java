package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.generator.Batch;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.retailpipeline.time.HourRange;

/**
 * Ingestion end to end, the same on every warehouse: runs triggered over HTTP on the running application pull
 * batches from its own generator API and bulk-load the raw tables, checked against the generator's ground truth.
 */
abstract class IngestionContract extends IngestionTestSupport {

    @Test
    void backfillLoadsEveryHourMatchingTheGeneratorsSummariesAndReplayChangesNothing() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-03T00:30:00Z"));
        try (RunningApplication app = start(clock, Map.of())) {
            JsonNode run = awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-01-03\"}"));
            assertEquals("succeeded", run.get("status").asText(), run.toString());
            assertEquals(48, run.get("hours").get("done").asInt());
            Warehouse warehouse = warehouse(app);

            RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour(START)));
            Map<String, Long> expectedRows = new HashMap<>();
            BigDecimal expectedRevenue = BigDecimal.ZERO;
            for (long h = HourRange.parseHour(START); h < HourRange.parseHour("2025-01-03T00"); h++) {
                Batch batch = generator.generate(new BatchSpec(SEED, h, 1, 0));
                for (String table : RetailGenerator.tableNames()) {
                    expectedRows.merge(table, (long) batch.rows(table).size(), Long::sum);
                }
                expectedRevenue = expectedRevenue.add(BigDecimal.valueOf(batch.summary().revenueCents(), 2));
            }
            for (String table : RetailGenerator.tableNames()) {
                assertEquals(expectedRows.get(table), RawTables.count(warehouse, "select count(*) from raw_" + table), table);
            }
            assertEquals(0, expectedRevenue.compareTo(new BigDecimal(RawTables.rows(warehouse,
                    "select sum(cast(quantity as integer) * cast(unit_price as decimal(12,2))"
                            + " - cast(discount_amount as decimal(12,2))) from raw_order_items").get(0))), "revenue to the cent");
            assertEquals(48, RawTables.count(warehouse, "select count(*) from raw_batch_summary"));
            Map<String, List<String>> before = RawTables.snapshot(warehouse);

            JsonNode replay = awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-03T00\"}"));
            assertEquals("succeeded", replay.get("status").asText());
            assertEquals(before, RawTables.snapshot(warehouse), "a replay equals one load");

            JsonNode ledger = JSON.readTree(app.get("/api/runs").body());
            assertEquals(2, ledger.get("total").asInt());
            assertEquals(replay.get("run_id").asText(), ledger.get("runs").get(0).get("run_id").asText(), "newest first");
            JsonNode steps = JSON.readTree(app.get("/api/runs/" + run.get("run_id").asText()).body()).get("steps");
            assertTrue(steps.toString().contains("\"load raw_orders\""), steps.toString());
            for (JsonNode step : steps) {
                if (step.get("step").asText().equals("load raw_order_items")) {
                    assertEquals((long) expectedRows.get("order_items"), step.get("rows").asLong());
                }
            }
        }
    }

    @Test
    void catchUpAfterTheClockMovesFiveHoursLoadsExactlyThoseFive() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-02T00:10:00Z"));
        try (RunningApplication app = start(clock, Map.of("ingest.initial-backfill-days", "1"))) {
            JsonNode first = awaitRun(app, app.post("/api/runs", null));
            assertEquals("succeeded", first.get("status").asText(), first.toString());
            assertEquals(24, first.get("hours").get("done").asInt(), "an empty warehouse backfills a day");
            assertEquals("2025-01-01T00:00:00Z", first.get("hours").get("from").asText());

            clock.advance(Duration.ofHours(5));
            JsonNode second = awaitRun(app, app.post("/api/runs", null));
            assertEquals("succeeded", second.get("status").asText());
            assertEquals(5, second.get("hours").get("requested").asInt());
            assertEquals("2025-01-02T00:00:00Z", second.get("hours").get("from").asText());
            assertEquals("2025-01-02T05:00:00Z", second.get("hours").get("to").asText());
            assertEquals(29, RawTables.count(warehouse(app), "select count(*) from raw_batch_summary"));

            JsonNode third = awaitRun(app, app.post("/api/runs", null));
            assertEquals(0, third.get("hours").get("requested").asInt(), "nothing new: nothing to load");
            assertEquals("succeeded", third.get("status").asText(), "a catch-up with nothing to load succeeds: " + third);
            assertEquals(0, third.get("hours").get("done").asInt());
        }
    }

    @Test
    void secondTriggerWhileARunIsActiveGets409NamingTheActiveRun() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-20T00:30:00Z"));
        try (RunningApplication app = start(clock, Map.of())) {
            HttpResponse<String> accepted = app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-01-08\"}");
            assertEquals(202, accepted.statusCode());
            String active = JSON.readTree(accepted.body()).get("run_id").asText();
            HttpResponse<String> conflict = app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-01-02\"}");
            assertEquals(409, conflict.statusCode(), conflict.body());
            assertEquals(active, JSON.readTree(conflict.body()).get("active_run_id").asText());
            JsonNode running = JSON.readTree(app.get("/api/runs/" + active).body());
            assertEquals(168, running.get("hours").get("requested").asInt());
            JsonNode done = awaitRun(app, accepted);
            assertEquals("succeeded", done.get("status").asText());
            assertEquals(1, JSON.readTree(app.get("/api/runs").body()).get("total").asInt(), "the refused trigger made no run");
        }
    }


    @Test
    void firstRunOfAWarehouseStartingAfterTheShopOpenedLoadsASnapshotFirstAndReconciles() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-06-10T00:10:00Z"));
        try (RunningApplication app = start(clock, Map.of("ingest.initial-backfill-days", "2"))) {
            JsonNode run = awaitRun(app, app.post("/api/runs", null));
            assertEquals("succeeded", run.get("status").asText(), "every check passes, reconciliation too: " + run);
            assertEquals(49, run.get("hours").get("done").asInt(), "the snapshot of 2025-06-07T23, then 48 hours");
            assertEquals("2025-06-07T23:00:00Z", run.get("hours").get("from").asText());
            Warehouse warehouse = warehouse(app);
            assertTrue(RawTables.count(warehouse, "select count(*) from raw_customers") > 2000,
                    "the snapshot brings the customers who signed up before the loaded range");
            assertEquals(0, RawTables.count(warehouse, "select count(*) from fct_sales where customer_key < 0 or product_key < 0"),
                    "every sale finds its customer and product");
            assertTrue(RawTables.count(warehouse, "select count(*) from fct_sales") > 500);
            assertEquals(0, RawTables.count(warehouse, "select count(*) from quarantine"),
                    "a clean source: nothing is quarantined, not even the status changes of orders placed before the snapshot");
            assertTrue(RawTables.count(warehouse, "select count(*) from fct_orders where placed_at < timestamp '2025-06-08 00:00:00'"
                    + " and (paid_at is not null or shipped_at is not null or delivered_at is not null)") > 100,
                    "orders placed before the loaded history still get their later status changes");
        }
    }

    @Test
    void aRunFromAnotherShopGets409NamingBothSourcesAndLoadsNothing() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-03T00:30:00Z"));
        Map<String, String> warehouse = warehouse();
        try (RunningApplication app = start(clock, warehouse, Map.of())) {
            assertEquals("succeeded", awaitRun(app, app.post("/api/runs", "{\"from\": \"2025-01-01\", \"to\": \"2025-01-02\"}"))
                    .get("status").asText());
        }
        try (RunningApplication app = start(clock, warehouse, Map.of("generator.seed", "12", "generator.dirty", "0.1"))) {
            long rows = RawTables.count(warehouse(app), "select count(*) from raw_orders");
            HttpResponse<String> refused = app.post("/api/runs", "{\"from\": \"2025-01-02\", \"to\": \"2025-01-03\"}");
            assertEquals(409, refused.statusCode(), refused.body());
            JsonNode body = JSON.readTree(refused.body());
            assertEquals("conflict", body.get("error").asText());
            assertEquals(SEED, body.get("warehouse_source").get("seed").asLong());
            assertEquals("0", body.get("warehouse_source").get("dirty").asText());
            assertEquals(12, body.get("configured_source").get("seed").asLong());
            assertEquals("0.1", body.get("configured_source").get("dirty").asText());
            assertTrue(body.get("detail").asText().contains("seed 11") && body.get("detail").asText().contains("seed 12"),
                    body.toString());
            assertEquals(409, app.post("/api/runs", null).statusCode(), "a catch-up too");
            assertEquals(rows, RawTables.count(warehouse(app), "select count(*) from raw_orders"));
            assertEquals(1, JSON.readTree(app.get("/api/runs").body()).get("total").asInt(), "no run was started");
        }
    }
}
