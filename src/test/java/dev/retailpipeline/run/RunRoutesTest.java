package dev.retailpipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.AppConfiguration;
import dev.retailpipeline.dashboard.AnalyticsCache;
import dev.retailpipeline.dashboard.AnalyticsQueries;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.warehouse.SharedTransaction;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.ErrorResponses;
import dev.retailpipeline.web.WriteToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run's routes in isolation (triggers.camel.yaml, ingest.camel.yaml, etl.camel.yaml): the beans wired as the
 * application wires them over a real DuckDB file, the timer and HTTP inputs replaced by direct: endpoints or left
 * to fire, the fetch answered by the generator in process; outcomes read from mocks, the ledger and the warehouse.
 */
class RunRoutesTest extends CamelTestSupport {

    private static final long START = HourRange.parseHour("2025-01-01T00");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-03T00:20:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetailGenerator generator = new RetailGenerator(new GeneratorConfig(START));
    private final AppConfiguration wiring = new AppConfiguration();
    private final AtomicInteger fetches = new AtomicInteger();
    private Path dir;
    private Warehouse warehouse;
    private RunLedger ledger;
    private RunCoordinator coordinator;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("ingest.timer.enabled", "true");
        p.setProperty("ingest.timer.period", "3600000");
        p.setProperty("ingest.timer.delay", "50");
        p.setProperty("ingest.retry.max-redeliveries", "2");
        p.setProperty("ingest.retry.delay-ms", "1");
        p.setProperty("ingest.seed", "5");
        p.setProperty("ingest.scale", "1");
        p.setProperty("ingest.dirty", "0");
        return p;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        dir = Files.createTempDirectory("run-routes");
        warehouse = wiring.warehouse("jdbc:duckdb:" + dir.resolve("w.duckdb"), "", "", "", 0, "", "sql");
        SharedTransaction transaction = wiring.chunkTransaction(warehouse);
        ledger = wiring.runLedger(warehouse, CLOCK);
        coordinator = wiring.runCoordinator();
        Watermark watermark = wiring.watermark(warehouse);
        ShopSource source = ShopSource.of(5, 1, 0, START);
        RangeRules rules = new RangeRules(START, 8784, CLOCK);
        registry.bind("chunkTransaction", transaction);
        registry.bind("runTriggers", wiring.runTriggers(ledger, coordinator, watermark, warehouse, source, rules, CLOCK, 2, 744, 24));
        registry.bind("runPages", wiring.runPages(ledger, coordinator));
        registry.bind("chunkSteps", wiring.chunkSteps(warehouse, transaction, watermark, ledger, source, CLOCK, "http://127.0.0.1:1/unused"));
        registry.bind("runOutcome", wiring.runOutcome(ledger, coordinator, CLOCK));
        registry.bind("failures", wiring.failures());
        registry.bind("tableSplitter", wiring.tableSplitter(1 << 20));
        registry.bind("bulkFormat", wiring.bulkFormat(warehouse));
        registry.bind("rawLoader", wiring.rawLoader(warehouse, transaction, dir.resolve("staging").toString(),
                dir.resolve("stage").toString()));
        registry.bind("sqlPlan", wiring.sqlPlan(warehouse, "sql"));
        registry.bind("sqlSteps", wiring.sqlSteps(transaction, warehouse));
        registry.bind("errorResponses", new ErrorResponses());
        registry.bind("writeToken", new WriteToken(""));
        // requests come in through direct:manual here, with no Host header: the guard has its own test
        registry.bind("writeGuard", new dev.retailpipeline.web.WriteGuard("127.0.0.1", java.util.List.of("*")));
        registry.bind("analyticsQueries", new AnalyticsQueries(warehouse, CLOCK, 14, new AnalyticsCache(3600, 100)));
    }

    @AfterEach
    void closeWarehouse() throws SQLException {
        warehouse.close();
    }

    private void loadRoutes() throws Exception {
        for (String file : List.of("http-errors", "triggers", "ingest", "etl")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file + ".camel.yaml"));
        }
        AdviceWith.adviceWith(context, "trigger-manual", r -> r.replaceFromWith("direct:manual"));
        AdviceWith.adviceWith(context, "api-runs", r -> r.replaceFromWith("direct:runs"));
        AdviceWith.adviceWith(context, "api-run", r -> r.replaceFromWith("direct:find-run"));
        // the fetch: the generator's range stream for the chunk, in process, as the HTTP API answers it
        AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("fetch-chunk").replace().process(exchange -> {
            fetches.incrementAndGet();
            Chunk chunk = exchange.getProperty(ChunkSteps.CHUNK, Chunk.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long from = chunk.hours().from();
            if (chunk.snapshot()) {
                generator.writeSnapshot(new BatchSpec(5, from, 1, 0), Format.NDJSON, null, out);
                from++;
            }
            generator.writeRange(5, from, chunk.hours().to() - 1, 1, 0, out);
            exchange.getMessage().setBody(new ByteArrayInputStream(out.toByteArray()));
        }));
        // a lambda, not a RouteBuilder subclass: the application's package scan would pick up a subclass
        RouteBuilder.addRoutes(context, rb -> rb.from("direct:warm-dashboard").routeId("warm-dashboard").to("mock:warm-dashboard"));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private JsonNode run(String id) throws Exception {
        Exchange reply = template.request("direct:find-run", e -> e.getMessage().setHeader("id", id));
        return JSON.readTree(reply.getMessage().getBody(String.class));
    }

    private JsonNode backfill(String body) throws Exception {
        Exchange reply = template.request("direct:manual", e -> e.getMessage().setBody(body));
        assertEquals(202, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE), reply.getMessage().getBody(String.class));
        return awaitEnd(JSON.readTree(reply.getMessage().getBody(String.class)).get("run_id").asText());
    }

    /** Polls the ledger's view of the run until it has ended. */
    private JsonNode awaitEnd(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode run = run(id);
            if (!"running".equals(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " did not end in 60 s");
    }

    @Test
    void theHourlyTimerFiresAndBackfillsAnEmptyWarehouseInDailyChunks() throws Exception {
        loadRoutes();
        MockEndpoint warmed = getMockEndpoint("mock:warm-dashboard");
        warmed.expectedMessageCount(1);
        context.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ledger.count() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, ledger.count(), "the timer started a run");
        JsonNode run = awaitEnd(JSON.readTree(template.request("direct:runs", e -> { }).getMessage().getBody(String.class))
                .get("runs").get(0).get("run_id").asText());
        warmed.assertIsSatisfied();
        assertEquals("hourly", run.get("trigger").asText());
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        assertEquals(48, run.get("hours").get("done").asInt(), "2 days up to the last completed hour 2025-01-02T23");
        assertEquals(2, fetches.get(), "one fetch per daily chunk");
        assertEquals(2, count("select count(*) from pipeline_chunks"));
        assertEquals("2025-01-03 00:00:00", lastWatermark());
    }

    private String lastWatermark() throws SQLException {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select cast(max(chunk_to) as varchar) from pipeline_chunks")) {
            rs.next();
            return rs.getString(1).substring(0, 19);
        }
    }

    @Test
    void eachChunkIsSplitByTableMarshalledAndLoadedThenBuiltIntoTheMartsInOneTransaction() throws Exception {
        loadRoutes();
        AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("load-table").after().to("mock:loaded"));
        AdviceWith.adviceWith(context, "trigger-hourly", r -> r.replaceFromWith("direct:hourly"));
        MockEndpoint loaded = getMockEndpoint("mock:loaded");
        context.start();
        JsonNode run = backfill("{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}");
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        // one load per table with rows: stores, customers, products, orders, order_items, payments, the summary
        List<String> tables = loaded.getExchanges().stream().map(e -> e.getMessage().getHeader("ingestTable", String.class)).toList();
        assertEquals(List.of("STORES", "CUSTOMERS", "PRODUCTS", "ORDERS", "ORDER_ITEMS", "PAYMENTS", "SUMMARY"), tables);
        assertEquals(6, count("select count(*) from raw_batch_summary"));
        assertTrue(count("select count(*) from fct_sales") > 0);
        JsonNode steps = run.get("steps");
        assertTrue(steps.toString().contains("\"etl 30_facts/10_fct_sales.sql\""), steps.toString());
        assertTrue(steps.toString().contains("\"load raw_orders\""), steps.toString());
    }

    @Test
    void aChunkThatKeepsFailingIsTriedAgainAsAWholeThenTheRunFailsThroughTheDeadLetterRouteKeepingEarlierChunks() throws Exception {
        loadRoutes();
        AtomicInteger orderLoads = new AtomicInteger();
        AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("load-table").after().process(e -> {
            boolean secondDay = e.getProperty(ChunkSteps.CHUNK, Chunk.class).index() == 1;
            if (secondDay && "ORDERS".equals(e.getMessage().getHeader("ingestTable"))) {
                orderLoads.incrementAndGet();
                throw new SQLException("disk I/O error (simulated)");
            }
        }));
        AdviceWith.adviceWith(context, "trigger-hourly", r -> r.replaceFromWith("direct:hourly"));
        context.start();
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
        assertTrue(coordinator.active().isEmpty(), "the next trigger is admitted");
    }

    @Test
    void aFailingCheckFailsTheRunAtOnceWithoutTryingAgain() throws Exception {
        loadRoutes();
        AdviceWith.adviceWith(context, "trigger-hourly", r -> r.replaceFromWith("direct:hourly"));
        context.start();
        // a check that fails: the reconciliation of a batch whose summary says more revenue than its lines
        AdviceWith.adviceWith(context, "ingest-chunk", r -> r.weaveById("build-marts").before().process(e -> {
            try (Connection c = context.getRegistry().lookupByNameAndType("chunkTransaction", SharedTransaction.class).getConnection();
                 Statement s = c.createStatement()) {
                s.executeUpdate("update raw_batch_summary set revenue = revenue + 1 where batch_hour = timestamp '2025-01-01 03:00:00'");
            }
        }));
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
        loadRoutes();
        AdviceWith.adviceWith(context, "trigger-hourly", r -> {
            r.replaceFromWith("direct:hourly");
            r.weaveById("run-hourly").replace().to("mock:hourly-run");
        });
        Run active = new Run("test-run", "test", List.of(), CLOCK.instant());
        assertTrue(coordinator.tryBegin(active));
        MockEndpoint hourly = getMockEndpoint("mock:hourly-run");
        hourly.expectedMessageCount(0);
        context.start();
        Exchange reply = template.request("direct:manual", e -> e.getMessage().setBody("{\"from\":\"2025-01-01\",\"to\":\"2025-01-02\"}"));
        assertEquals(409, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("test-run", JSON.readTree(reply.getMessage().getBody(String.class)).get("active_run_id").asText());
        template.sendBody("direct:hourly", null);
        hourly.assertIsSatisfied();
        assertEquals(0, ledger.count(), "no run recorded");
    }
}
