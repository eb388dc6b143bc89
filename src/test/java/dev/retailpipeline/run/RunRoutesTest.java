package dev.retailpipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.SharedTransaction;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.function.ThrowingConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's routes (triggers.camel.yaml, ingest.camel.yaml, etl.camel.yaml) in the real application over a DuckDB
 * file in a temporary folder, driven over HTTP (POST /api/runs, GET /api/runs, GET /api/runs/{id}) or by its own
 * hourly timer; the fetch is the application's own generator API. Advice on the application's routes, in place
 * before they start, counts the fetches and injects the faults; outcomes are read from the ledger over HTTP and from
 * the warehouse.
 */
class RunRoutesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-03T00:20:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HOURLY_TIMER = Map.of(
            "ingest.timer.enabled", "true", "ingest.timer.delay", "50", "ingest.timer.period", "3600000");

    @TempDir
    Path dir;

    private final AtomicInteger fetches = new AtomicInteger();
    private RunningApplication app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /**
     * Starts the application on daily chunks, two redeliveries 1 ms apart, scale 1, the timer off unless extra turns
     * it on, and the dashboard warmed only after a run (not at start); every fetch counted, then beforeStart applied.
     */
    private void start(Map<String, String> extra, ThrowingConsumer<CamelContext, Exception> beforeStart) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("generator.start", "2025-01-01T00");
        props.put("ingest.seed", "5");
        props.put("ingest.scale", "1");
        props.put("ingest.dirty", "0");
        props.put("ingest.chunk-hours", "24");
        props.put("ingest.initial-backfill-days", "2");
        props.put("ingest.retry.max-redeliveries", "2");
        props.put("ingest.retry.delay-ms", "1");
        props.put("ingest.staging-dir", dir.resolve("staging").toString());
        props.put("warehouse.stage-dir", dir.resolve("stage").toString());
        props.put("dashboard.warm-delay-ms", "3600000");
        props.putAll(extra);
        app = RunningApplication.start(dir, props, CLOCK, context -> {
            AdviceWith.adviceWith(context, "ingest-chunk",
                    r -> r.weaveById("fetch-chunk").before().process(e -> fetches.incrementAndGet()));
            beforeStart.accept(context);
        });
    }

    /** Counts the events of the application that match (an event notifier: it observes, the routes stay as they are). */
    private static final class Events extends EventNotifierSupport {

        private final Predicate<CamelEvent> which;
        private final AtomicInteger count = new AtomicInteger();

        Events(Predicate<CamelEvent> which) {
            this.which = which;
        }

        @Override
        public void notify(CamelEvent event) {
            if (which.test(event)) {
                count.incrementAndGet();
            }
        }

        int count() {
            return count.get();
        }
    }

    /** Exchanges the route behind a direct: endpoint took to its end without failing: sent to it and back. */
    private static Events completedBy(String directEndpoint) {
        return new Events(event -> event instanceof ExchangeSentEvent sent && !sent.getExchange().isFailed()
                && sent.getEndpoint().getEndpointUri().equals(directEndpoint));
    }

    private JsonNode backfill(String body) throws Exception {
        return app.awaitRun(app.post("/api/runs", body));
    }

    /** GET /api/runs: the ledger's runs, newest first. */
    private JsonNode runs() throws Exception {
        HttpResponse<String> reply = app.get("/api/runs");
        assertEquals(200, reply.statusCode(), reply.body());
        return JSON.readTree(reply.body()).get("runs");
    }

    private int runCount() {
        try {
            return runs().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = app.warehouse().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String lastWatermark() throws SQLException {
        try (Connection c = app.warehouse().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select cast(max(chunk_to) as varchar) from pipeline_chunks")) {
            rs.next();
            return rs.getString(1).substring(0, 19);
        }
    }

    @Test
    void theHourlyTimerFiresAndBackfillsAnEmptyWarehouseInDailyChunks() throws Exception {
        Events warmed = completedBy("direct://warm-dashboard");
        start(HOURLY_TIMER, context -> context.getManagementStrategy().addEventNotifier(warmed));
        await(() -> runCount() > 0, "the timer started a run");
        assertEquals(1, runCount(), "one run");
        JsonNode run = app.awaitRun(runs().get(0).get("run_id").asText());
        assertEquals("hourly", run.get("trigger").asText());
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        assertEquals(48, run.get("hours").get("done").asInt(), "2 days up to the last completed hour 2025-01-02T23");
        assertEquals(2, fetches.get(), "one fetch per daily chunk");
        assertEquals(2, count("select count(*) from pipeline_chunks"));
        assertEquals("2025-01-03 00:00:00", lastWatermark());
        await(() -> warmed.count() > 0, "the dashboard warmed after the run");
        assertEquals(1, warmed.count(), "the dashboard warmed once, after the run");
    }

    @Test
    void eachChunkIsSplitByTableMarshalledAndLoadedThenBuiltIntoTheMartsInOneTransaction() throws Exception {
        List<String> tables = new CopyOnWriteArrayList<>();
        start(Map.of(), context -> AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("load-table").after()
                .process(e -> tables.add(e.getMessage().getHeader("ingestTable", String.class)))));
        JsonNode run = backfill("{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}");
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        // one load per table with rows: stores, customers, products, orders, order_items, payments, the summary
        assertEquals(List.of("STORES", "CUSTOMERS", "PRODUCTS", "ORDERS", "ORDER_ITEMS", "PAYMENTS", "SUMMARY"), tables);
        assertEquals(1, fetches.get(), "one fetch for the chunk");
        assertEquals(6, count("select count(*) from raw_batch_summary"));
        assertTrue(count("select count(*) from fct_sales") > 0);
        assertEquals(1, count("select count(*) from pipeline_chunks"), "the chunk committed once, with its marts");
        JsonNode steps = run.get("steps");
        assertTrue(steps.toString().contains("\"etl 30_facts/10_fct_sales.sql\""), steps.toString());
        assertTrue(steps.toString().contains("\"load raw_orders\""), steps.toString());
    }

    @Test
    void aChunkThatKeepsFailingIsTriedAgainAsAWholeThenTheRunFailsThroughTheDeadLetterRouteKeepingEarlierChunks() throws Exception {
        AtomicInteger orderLoads = new AtomicInteger();
        start(Map.of(), context -> AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("load-table").after()
                .process(e -> {
                    boolean secondDay = e.getProperty(ChunkSteps.CHUNK, Chunk.class).index() == 1;
                    if (secondDay && "ORDERS".equals(e.getMessage().getHeader("ingestTable"))) {
                        orderLoads.incrementAndGet();
                        throw new SQLException("disk I/O error (simulated)");
                    }
                })));
        JsonNode run = backfill("{\"from\": \"2025-01-01\", \"to\": \"2025-01-03\"}");
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertEquals(3, orderLoads.get(), "one try and two redeliveries of the whole chunk");
        assertEquals(3, fetches.get() - 1, "each try fetched its chunk again");
        assertEquals(24, run.get("hours").get("done").asInt(), "the first day's chunk stays committed");
        assertEquals("load raw_orders", run.get("error").get("step").asText());
        assertEquals("2025-01-02T00:00:00Z", run.get("error").get("hour").asText());
        assertTrue(run.get("error").get("message").asText().startsWith("the warehouse failed: disk I/O error"), run.toString());
        assertEquals(24, count("select count(*) from raw_batch_summary"), "the failed chunk rolled back");
        assertEquals(0, count("select count(*) from raw_customers where batch_hour >= timestamp '2025-01-02 00:00:00'"));
        assertEquals(0, count("select count(*) from fct_sales where batch_hour >= timestamp '2025-01-02 00:00:00'"));
        assertEquals("2025-01-02 00:00:00", lastWatermark());
        assertTrue(app.context().getRegistry().lookupByNameAndType("runCoordinator", RunCoordinator.class).active().isEmpty(),
                "the next trigger is admitted");
    }

    @Test
    void aFailingCheckFailsTheRunAtOnceWithoutTryingAgain() throws Exception {
        // a check that fails: the reconciliation of a batch whose summary says more revenue than its lines, changed
        // inside the chunk's transaction before the marts are built
        start(Map.of(), context -> AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("build-marts").before()
                .process(e -> {
                    SharedTransaction chunk = e.getContext().getRegistry()
                            .lookupByNameAndType("chunkTransaction", SharedTransaction.class);
                    try (Connection c = chunk.getConnection(); Statement s = c.createStatement()) {
                        s.executeUpdate("update raw_batch_summary set revenue = revenue + 1"
                                + " where batch_hour = timestamp '2025-01-01 03:00:00'");
                    }
                })));
        JsonNode run = backfill("{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}");
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertEquals("etl 90_checks/50_reconcile_sales_with_summary.sql", run.get("error").get("step").asText());
        assertEquals("check 50_reconcile_sales_with_summary failed: 1 failing row(s) (hours 2025-01-01T00..2025-01-01T06)",
                run.get("error").get("message").asText());
        assertEquals(1, fetches.get(), "a failing check is not tried again");
        assertEquals(0, count("select count(*) from raw_batch_summary"), "nothing of the chunk stays");
        assertEquals(0, count("select count(*) from pipeline_chunks"));
        JsonNode reconcile = null;
        for (JsonNode c : run.get("checks")) {
            if (c.get("check").asText().equals("50_reconcile_sales_with_summary")) {
                reconcile = c;
            }
        }
        assertEquals("failed", reconcile.get("status").asText(), run.toString());
    }

    @Test
    void aManualTriggerWhileARunIsActiveAnswers409AndTheTimerSkips() throws Exception {
        Events timerFired = new Events(event -> event instanceof ExchangeCompletedEvent completed
                && "trigger-hourly".equals(completed.getExchange().getFromRouteId()));
        start(HOURLY_TIMER, context -> {
            context.getManagementStrategy().addEventNotifier(timerFired);
            // a run holds the slot from before the timer can fire
            assertTrue(context.getRegistry().lookupByNameAndType("runCoordinator", RunCoordinator.class)
                    .tryBegin(new Run("test-run", "test", List.of(), CLOCK.instant())));
        });
        HttpResponse<String> reply = app.post("/api/runs", "{\"from\":\"2025-01-01\",\"to\":\"2025-01-02\"}");
        assertEquals(409, reply.statusCode(), reply.body());
        assertEquals("test-run", JSON.readTree(reply.body()).get("active_run_id").asText());
        await(() -> timerFired.count() > 0, "the timer fired");
        assertEquals(0, runCount(), "no run recorded");
        assertEquals(0, fetches.get(), "nothing fetched");
    }
}
