package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import dev.retailpipeline.dashboard.AnalyticsCache;
import dev.retailpipeline.dashboard.AnalyticsQueries;
import dev.retailpipeline.etl.EtlSteps;
import dev.retailpipeline.etl.EtlTransaction;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.RunLedger;
import dev.retailpipeline.warehouse.SqlFolder;
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
 * The trigger, split and load routes in isolation: inputs replaced by direct: endpoints, the HTTP fetch by the
 * generator in process, outcomes read from mocks, the ledger and a real DuckDB file.
 */
class IngestRoutesTest extends CamelTestSupport {

    private static final long START = ShopHours.parse("2025-01-01T00");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-03T00:20:00Z"), ZoneOffset.UTC);

    private Path dir;
    private Warehouse warehouse;
    private RunLedger ledger;
    private final RunCoordinator coordinator = new RunCoordinator();
    private final RetailGenerator generator = new RetailGenerator(new GeneratorConfig(START));
    private final AnalyticsCache dashboardAnswers = new AnalyticsCache(3600, 100);

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("ingest.timer.enabled", "true");
        p.setProperty("ingest.timer.period", "3600000");
        p.setProperty("ingest.timer.delay", "3600000");
        p.setProperty("ingest.retry.max-redeliveries", "2");
        p.setProperty("ingest.retry.delay-ms", "1");
        return p;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        dir = Files.createTempDirectory("ingest-routes");
        warehouse = Warehouse.of("jdbc:duckdb:" + dir.resolve("w.duckdb"));
        try (Connection c = warehouse.connect()) {
            SqlFolder.of(warehouse.dialect()).runStage(c, "00_raw");
        }
        ledger = new RunLedger(warehouse);
        RunPlanner planner = new RunPlanner(CLOCK, START, 2, 744);
        registry.bind("runTriggers", new RunTriggers(planner, coordinator, ledger, CLOCK, 1000));
        registry.bind("ingestSteps", new IngestSteps(warehouse, ledger, coordinator, CLOCK,
                new IngestSteps.Source("http://127.0.0.1:1/unused", 5, 1, 0)));
        registry.bind("errorResponses", new ErrorResponses());
        registry.bind("writeToken", new WriteToken(""));
        registry.bind("failures", new Failures());
        EtlTransaction transaction = new EtlTransaction();
        registry.bind("etlTransaction", transaction);
        registry.bind("etlSteps", new EtlSteps(warehouse, transaction, Path.of("sql")));
        registry.bind("analyticsQueries", new AnalyticsQueries(warehouse, CLOCK, 14, dashboardAnswers));
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
        AdviceWith.adviceWith(context, "trigger-hourly", r -> {
            r.replaceFromWith("direct:hourly");
            r.weaveById("run-hourly").replace().to("mock:run");
        });
        AdviceWith.adviceWith(context, "trigger-manual", r -> r.replaceFromWith("direct:manual"));
        AdviceWith.adviceWith(context, "api-runs", r -> r.replaceFromWith("direct:runs"));
        AdviceWith.adviceWith(context, "api-run", r -> r.replaceFromWith("direct:run"));
        // a lambda, not a RouteBuilder subclass: the application's package scan would pick up a subclass
        RouteBuilder.addRoutes(context, rb -> rb.from("direct:warm-dashboard").routeId("warm-dashboard").to("mock:warm-dashboard"));
        dashboardAnswers.get("summary?", () -> new byte[]{'{', '}'});
    }

    /** The fetch answers with the generator's batch of the run's current hour, as the HTTP API would. */
    private void fetchFromGeneratorInProcess() throws Exception {
        AdviceWith.adviceWith(context, "ingest-hour", r -> r.weaveById("fetch-batch").replace().process(exchange -> {
            IngestRun run = exchange.getProperty(RunTriggers.RUN, IngestRun.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BatchSpec spec = new BatchSpec(5, run.currentHour(), 1, 0);
            if (run.currentIsSnapshot()) {
                generator.writeSnapshot(spec, Format.NDJSON, null, out);
            } else {
                generator.writeHour(spec, Format.NDJSON, null, out);
            }
            exchange.getMessage().setBody(new ByteArrayInputStream(out.toByteArray()));
        }));
    }

    /** A run of the hours from..from+hours, after the snapshot of the hour before (the warehouse is empty). */
    private IngestRun begin(long from, int hours) throws SQLException {
        List<Long> plan = new RunPlanner(CLOCK, START, 2, 744).range(from - 1, from + hours);
        IngestRun run = new IngestRun("test-run", "test", plan, CLOCK.instant(), from - 1);
        assertTrue(coordinator.tryBegin(run));
        ledger.started(run.runId(), "test", from - 1, from + hours, plan.size(), run.startedAt());
        return run;
    }

    @Test
    void hourlyTriggerOnAnEmptyWarehousePlansTheInitialBackfill() throws Exception {
        loadRoutes();
        MockEndpoint run = getMockEndpoint("mock:run");
        run.expectedMessageCount(1);
        context.start();
        template.sendBody("direct:hourly", null);
        run.assertIsSatisfied();
        IngestRun planned = run.getExchanges().get(0).getProperty(RunTriggers.RUN, IngestRun.class);
        assertEquals(48, planned.hoursRequested(), "2 days up to the last completed hour 2025-01-02T23");
        assertEquals(ShopHours.parse("2025-01-01T00"), planned.hours().get(0));
        assertEquals(1, ledger.count());
    }

    @Test
    void hourlyTriggerWhileARunIsActiveSkipsInsteadOfQueueing() throws Exception {
        loadRoutes();
        begin(START, 1);
        MockEndpoint run = getMockEndpoint("mock:run");
        run.expectedMessageCount(0);
        context.start();
        template.sendBody("direct:hourly", null);
        run.assertIsSatisfied();
        assertEquals(1, ledger.count(), "no second run recorded");
    }

    @Test
    void manualTriggerWhileARunIsActiveAnswers409() throws Exception {
        loadRoutes();
        begin(START, 1);
        context.start();
        Exchange reply = template.request("direct:manual", e -> e.getMessage().setBody("{\"from\":\"2025-01-01\",\"to\":\"2025-01-02\"}"));
        assertEquals(409, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(reply.getMessage().getBody(String.class).contains("\"active_run_id\":\"test-run\""));
    }

    @Test
    void eachHourIsSplitIntoItsTablesAndLoadedInOneTransaction() throws Exception {
        loadRoutes();
        fetchFromGeneratorInProcess();
        AdviceWith.adviceWith(context, "ingest-hour", r -> r.weaveById("load-table").before().to("mock:loaded"));
        MockEndpoint loaded = getMockEndpoint("mock:loaded");
        loaded.expectedMessageCount(4 * 7);
        context.start();
        IngestRun run = begin(START + 10, 3);
        Exchange done = template.send("direct:ingest-run", e -> e.setProperty(RunTriggers.RUN, run));
        if (done.getException() != null) {
            throw done.getException();
        }
        loaded.assertIsSatisfied();
        assertEquals(List.of(RawTable.STORES, RawTable.CUSTOMERS, RawTable.PRODUCTS, RawTable.ORDERS,
                        RawTable.ORDER_ITEMS, RawTable.PAYMENTS, RawTable.MANIFEST),
                loaded.getExchanges().subList(0, 7).stream().map(e -> e.getMessage().getBody(TableChunk.class).table()).toList());
        assertEquals(4, RawTables.count(warehouse, "select count(*) from raw_batch_summary"), "snapshot and 3 hours");
        RunLedger.Run recorded = ledger.find("test-run").orElseThrow();
        assertEquals(RunLedger.SUCCEEDED, recorded.status(), recorded.toString());
        assertEquals(4, recorded.hoursDone());
        long orders = RawTables.count(warehouse, "select count(*) from raw_orders");
        assertEquals(orders, recorded.steps().stream().filter(st -> st.name().equals("load raw_orders")).findFirst().orElseThrow().rows());
        assertEquals(0, dashboardAnswers.size(), "the dashboard's answers from before the run are forgotten");
        MockEndpoint warmed = getMockEndpoint("mock:warm-dashboard");
        warmed.expectedMessageCount(1);
        warmed.assertIsSatisfied();
    }

    @Test
    void aLoadThatKeepsFailingIsRetriedThenTheRunFailsThroughTheDeadLetterRoute() throws Exception {
        loadRoutes();
        fetchFromGeneratorInProcess();
        int[] attempts = {0};
        AdviceWith.adviceWith(context, "ingest-hour", r -> r.weaveById("commit-batch").replace().process(e -> {
            attempts[0]++;
            throw new SQLException("disk full");
        }));
        AdviceWith.adviceWith(context, "run-failed", r -> r.weaveAddLast().to("mock:dead"));
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        context.start();
        IngestRun run = begin(START + 10, 2);
        template.send("direct:ingest-run", e -> e.setProperty(RunTriggers.RUN, run));
        dead.assertIsSatisfied();
        assertEquals(3, attempts[0], "one try and two redeliveries of the whole hour");
        RunLedger.Run recorded = ledger.find("test-run").orElseThrow();
        assertEquals(RunLedger.FAILED, recorded.status());
        assertEquals("database error: disk full", recorded.errorMessage());
        assertEquals("2025-01-01T09:00:00Z", recorded.failedHour(), "the snapshot hour is the first to load");
        assertEquals(0, RawTables.count(warehouse, "select count(*) from raw_orders"), "the hour was rolled back");
        assertTrue(coordinator.active().isEmpty(), "the slot is free for the next trigger");
        assertEquals(1, dashboardAnswers.size(), "the marts did not change: the dashboard's answers stay");
        assertEquals(0, getMockEndpoint("mock:warm-dashboard").getReceivedCounter());
    }

    @Test
    void aPermanentFailureIsNotRetriedAndFailsTheRunAtOnce() throws Exception {
        loadRoutes();
        fetchFromGeneratorInProcess();
        int[] attempts = {0};
        AdviceWith.adviceWith(context, "ingest-hour", r -> r.weaveById("commit-batch").replace().process(e -> {
            attempts[0]++;
            throw new SQLException("Binder Error: column \"nope\" not found");
        }));
        context.start();
        IngestRun run = begin(START + 10, 2);
        Exchange done = template.send("direct:ingest-run", e -> e.setProperty(RunTriggers.RUN, run));
        assertEquals(null, done.getException());
        assertEquals(1, attempts[0], "a broken statement is not tried again");
        RunLedger.Run recorded = ledger.find("test-run").orElseThrow();
        assertEquals(RunLedger.FAILED, recorded.status());
        assertTrue(recorded.errorMessage().contains("Binder Error"), recorded.errorMessage());
    }

    @Test
    void aFailingSqlStepFailsTheRunAtThatStep() throws Exception {
        loadRoutes();
        fetchFromGeneratorInProcess();
        AdviceWith.adviceWith(context, "etl-run", r -> r.weaveById("end-sql-step").replace().process(e -> {
            throw new dev.retailpipeline.etl.CheckFailedException("broken", 1);
        }));
        context.start();
        IngestRun run = begin(START + 10, 1);
        Exchange done = template.send("direct:ingest-run", e -> e.setProperty(RunTriggers.RUN, run));
        assertEquals(null, done.getException());
        RunLedger.Run recorded = ledger.find("test-run").orElseThrow();
        assertEquals(RunLedger.FAILED, recorded.status());
        assertEquals("etl 10_staging/00_quarantine.sql", recorded.failedStep());
    }

    @Test
    void aTableThatFailsToLoadFailsTheRunWithThatTable() throws Exception {
        loadRoutes();
        fetchFromGeneratorInProcess();
        AdviceWith.adviceWith(context, "ingest-hour", r -> r.weaveById("load-table").replace().process(e -> {
            throw new SQLException("Conversion Error: bad value");
        }));
        context.start();
        IngestRun run = begin(START + 10, 1);
        Exchange done = template.send("direct:ingest-run", e -> e.setProperty(RunTriggers.RUN, run));
        assertEquals(null, done.getException());
        RunLedger.Run recorded = ledger.find("test-run").orElseThrow();
        assertEquals(RunLedger.FAILED, recorded.status());
        assertEquals("database error: Conversion Error: bad value", recorded.errorMessage());
        assertEquals(0, RawTables.count(warehouse, "select count(*) from raw_batch_summary"));
    }
}
