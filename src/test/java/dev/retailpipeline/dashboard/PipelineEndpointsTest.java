package dev.retailpipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline health endpoints and the data docs against a real DuckDB loaded through the product with dirty data
 * on: three days (2025-01-01 to 2025-01-04) and then two more hours, two runs, with a fixed clock. Each endpoint's
 * answer equals SQL written here over the ledger, the watermark, the raw tables, the manifests and the quarantine,
 * counted per table and hour and added up in Java; the data docs list exactly the tables, views and columns of the
 * warehouse's catalog (information_schema, the application's own schema: the engine's objects live in others). A
 * fresh warehouse answers every endpoint with empty content, one loaded up to the clock's last completed hour is not
 * behind; bad parameters get 400 JSON and an unknown model 404 JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndpointsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] ENDPOINTS = {"/api/pipeline/freshness", "/api/pipeline/checks", "/api/pipeline/quality",
            "/api/pipeline/volume", "/api/pipeline/steps", "/api/models", "/api/models/fct_sales"};
    private static final List<String> RAW_TABLES = List.of("raw_stores", "raw_customers", "raw_products", "raw_orders",
            "raw_order_items", "raw_payments");
    private static final Instant FIRST_RUN_AT = Instant.parse("2025-01-05T00:10:00Z");

    final MovableClock clock = new MovableClock(FIRST_RUN_AT);
    Path dir;
    RunningApplication app;
    Warehouse warehouse;

    /** A new, empty warehouse named {@code name} for the application; DuckDB in the test's folder here. */
    Map<String, String> freshWarehouse(String name) throws Exception {
        return Map.of("warehouse.url", "jdbc:duckdb:" + dir.resolve(name + ".duckdb"));
    }

    /** The schema the application's tables are made in, as the catalog names it. */
    String schema() {
        return "main";
    }

    @BeforeAll
    void loadThreeDaysAndThenTwoHoursWithDirtyData() throws Exception {
        dir = Files.createTempDirectory("pipeline-endpoints");
        Map<String, String> props = new HashMap<>(freshWarehouse("warehouse"));
        props.put("generator.dirty", "0.02");
        app = DashboardTestSupport.start(dir, clock, props);
        warehouse = app.warehouse();
        JsonNode days = app.awaitRun(app.post("/api/runs", "{\"from\":\"2025-01-01\",\"to\":\"2025-01-04\"}"));
        assertEquals("succeeded", days.get("status").asText(), days.toString());
        clock.advance(Duration.ofHours(2));
        JsonNode hours = app.awaitRun(app.post("/api/runs", "{\"from\":\"2025-01-04T00\",\"to\":\"2025-01-04T02\"}"));
        assertEquals("succeeded", hours.get("status").asText(), hours.toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- freshness

    @Test
    void freshnessIsTheLastCommittedHourAgainstTheLastCompletedHourOfTheClock() throws Exception {
        JsonNode body = get(app, "/api/pipeline/freshness");
        Instant through = null;
        for (Map<String, Object> chunk : rows(warehouse, "select chunk_to from pipeline_chunks")) {
            Instant to = (Instant) chunk.get("chunk_to");
            through = through == null || to.isAfter(through) ? to : through;
        }
        assertEquals(Instant.parse("2025-01-04T02:00:00Z"), through, "the second run loaded up to 02:00");
        Map<String, Object> lastSuccess = null;
        for (Map<String, Object> run : rows(warehouse, "select run_id, status, finished_at from pipeline_runs")) {
            if (run.get("status").equals("succeeded") && (lastSuccess == null
                    || ((Instant) run.get("finished_at")).isAfter((Instant) lastSuccess.get("finished_at")))) {
                lastSuccess = run;
            }
        }
        assertNotNull(lastSuccess);

        // the clock reads 02:10 on the 5th: the last hour that has ended is 01:00-02:00, 24 hours after 2025-01-04T02
        Instant endOfLastCompletedHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        long behind = Duration.between(through, endOfLastCompletedHour).toHours();
        assertEquals(24, behind);
        assertEquals(through.toString(), body.get("loaded_through").asText());
        assertEquals("2025-01-05T01:00:00Z", body.get("last_completed_hour").asText());
        assertEquals(behind, body.get("hours_behind").asLong());
        assertTrue(body.get("behind").asBoolean());
        assertEquals(lastSuccess.get("run_id"), body.get("last_success").get("run_id").asText());
        assertEquals(lastSuccess.get("finished_at").toString(), body.get("last_success").get("finished_at").asText());
        assertFalse(body.get("timer_enabled").asBoolean(), "the tests start the application with the timer off");
        assertTrue(body.get("next_timer_run").isNull());
    }

    @Test
    void aWarehouseLoadedUpToTheLastCompletedHourIsNotBehind() throws Exception {
        Path currentDir = Files.createDirectories(dir.resolve("current"));
        try (RunningApplication current = DashboardTestSupport.start(currentDir, new MovableClock(FIRST_RUN_AT),
                freshWarehouse("current"))) {
            JsonNode run = current.awaitRun(current.post("/api/runs", "{\"from\":\"2025-01-04T22\",\"to\":\"2025-01-05T00\"}"));
            assertEquals("succeeded", run.get("status").asText(), run.toString());
            JsonNode body = get(current, "/api/pipeline/freshness");
            assertEquals("2025-01-05T00:00:00Z", body.get("loaded_through").asText());
            assertEquals("2025-01-04T23:00:00Z", body.get("last_completed_hour").asText());
            assertEquals(0, body.get("hours_behind").asLong());
            assertFalse(body.get("behind").asBoolean());
        }
    }

    // ---- checks

    @Test
    void checksAreEveryVerdictOfTheLastRunsOneColumnPerRunNewestFirst() throws Exception {
        for (int runs : new int[] {30, 1}) {
            List<Map<String, Object>> recent = newestRuns(runs);
            assertEquals(Math.min(runs, 2), recent.size());
            List<String> ids = recent.stream().map(r -> (String) r.get("run_id")).toList();
            TreeMap<String, Map<String, Object>> checks = new TreeMap<>();
            for (Map<String, Object> row : rows(warehouse, "select * from etl_check_results")) {
                int column = ids.indexOf((String) row.get("run_id"));
                if (column < 0) {
                    continue;
                }
                Map<String, Object> check = checks.computeIfAbsent((String) row.get("check_name"), name -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("check", name);
                    c.put("severity", row.get("severity"));
                    c.put("cells", new ArrayList<>(java.util.Collections.nCopies(ids.size(), null)));
                    return c;
                });
                @SuppressWarnings("unchecked")
                List<Object> cells = (List<Object>) check.get("cells");
                cells.set(column, Map.of("run_id", row.get("run_id"), "status", row.get("status"),
                        "failing_rows", row.get("failing_rows")));
            }
            assertTrue(checks.size() >= 12, "every check ran: " + checks.keySet());
            List<Map<String, Object>> runsExpected = new ArrayList<>();
            for (Map<String, Object> run : recent) {
                runsExpected.add(Map.of("run_id", run.get("run_id"), "trigger", run.get("trigger_name"),
                        "status", run.get("status"), "started_at", run.get("started_at").toString()));
            }
            assertEquals(tree(Map.of("runs", runsExpected, "checks", List.copyOf(checks.values()))),
                    get(app, "/api/pipeline/checks?runs=" + runs));
        }
        assertEquals(get(app, "/api/pipeline/checks?runs=30"), get(app, "/api/pipeline/checks"), "30 runs by default");
    }

    // ---- quality

    @Test
    void qualityIsTheManifestsInjectedRowsBesideTheQuarantinedRowsPerTableKindAndDay() throws Exception {
        // [injected, before_history, quarantined] by table and kind, and by day, added up here from counts per hour;
        // before_history: injected late orders rows dated before a snapshot batch that precedes their own batch
        Map<List<String>, long[]> kinds = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Map<String, long[]> days = new TreeMap<>();
        long[] totals = new long[3];
        List<Instant> snapshots = new ArrayList<>();
        for (Map<String, Object> row : rows(warehouse, "select batch_hour, summary_json from raw_batch_summary")) {
            if (((String) row.get("summary_json")).replace(" ", "").contains("\"snapshot\":true")) {
                snapshots.add((Instant) row.get("batch_hour"));
            }
        }
        for (Map<String, Object> row : rows(warehouse, "select m.batch_hour, o.order_at from raw_batch_manifest m"
                + " join raw_orders o on o.order_id = m.row_key and o.batch_hour = m.batch_hour"
                + " where m.table_name = 'orders' and m.kind = 'late_row'")) {
            Instant batch = (Instant) row.get("batch_hour");
            Instant placedHour = Instant.parse((String) row.get("order_at")).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            if (snapshots.stream().anyMatch(s -> !s.isBefore(placedHour) && s.isBefore(batch))) {
                String day = LocalDateTime.ofInstant(batch, ZoneOffset.UTC).toLocalDate().toString();
                kinds.computeIfAbsent(List.of("orders", "late_row"), k -> new long[3])[1]++;
                days.computeIfAbsent(day, d -> new long[3])[1]++;
                totals[1]++;
            }
        }
        String[] counted = {
                "select table_name as t, kind as k, batch_hour, count(*) as n from raw_batch_manifest"
                        + " group by table_name, kind, batch_hour",
                null,
                "select source_table as t, reason as k, batch_hour, count(*) as n from quarantine"
                        + " group by source_table, reason, batch_hour"};
        for (int side : new int[] {0, 2}) {
            for (Map<String, Object> row : rows(warehouse, counted[side])) {
                long n = ((Number) row.get("n")).longValue();
                String day = LocalDateTime.ofInstant((Instant) row.get("batch_hour"), ZoneOffset.UTC).toLocalDate().toString();
                kinds.computeIfAbsent(List.of((String) row.get("t"), (String) row.get("k")), k -> new long[3])[side] += n;
                days.computeIfAbsent(day, d -> new long[3])[side] += n;
                totals[side] += n;
            }
        }
        assertTrue(totals[0] > 100, "dirty data on: the generator injected rows (" + totals[0] + ")");
        List<Map<String, Object>> kindRows = new ArrayList<>();
        List<Map<String, Object>> differences = new ArrayList<>();
        kinds.forEach((k, n) -> {
            Map<String, Object> row = Map.of("table", k.get(0), "kind", k.get(1), "injected", n[0],
                    "before_history", n[1], "quarantined", n[2]);
            kindRows.add(row);
            if (n[0] - n[1] != n[2]) {
                differences.add(row);
            }
        });
        assertEquals(List.of(), differences, "every kind caught, but the rows dated before the history");
        List<Map<String, Object>> dayRows = new ArrayList<>();
        days.forEach((d, n) -> dayRows.add(Map.of("day", d, "injected", n[0], "before_history", n[1], "quarantined", n[2])));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("from", loadedRange()[0].toString());
        expected.put("to", loadedRange()[1].toString());
        expected.put("injected", totals[0]);
        expected.put("before_history", totals[1]);
        expected.put("quarantined", totals[2]);
        expected.put("kinds", kindRows);
        expected.put("days", dayRows);
        expected.put("differences", differences);

        JsonNode body = get(app, "/api/pipeline/quality");
        assertEquals(tree(expected), body);
        assertEquals("2025-01-04T02:00:00Z", body.get("to").asText());
        assertEquals(List.of("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"), new ArrayList<>(days.keySet()));
    }

    // ---- volume

    @Test
    void volumeIsTheRawRowsLoadedPerHourBesideTheRowsTheBatchSummarySays() throws Exception {
        Map<Instant, Long> loaded = new TreeMap<>();
        for (String table : RAW_TABLES) {
            for (Map<String, Object> row : rows(warehouse, "select batch_hour, count(*) as n from " + table + " group by batch_hour")) {
                loaded.merge((Instant) row.get("batch_hour"), ((Number) row.get("n")).longValue(), Long::sum);
            }
        }
        Map<Instant, Long> sent = new TreeMap<>();
        for (Map<String, Object> row : rows(warehouse, "select * from raw_batch_summary")) {
            long n = 0;
            for (String column : List.of("stores_rows", "customers_rows", "products_rows", "orders_rows",
                    "order_items_rows", "payments_rows", "dirty_rows")) {
                n += ((Number) row.get(column)).longValue();
            }
            sent.put((Instant) row.get("batch_hour"), n);
        }
        Instant through = loadedRange()[1];
        for (int days : new int[] {7, 1, 31}) {
            Instant since = through.minus(days, ChronoUnit.DAYS);
            Set<Instant> hours = new TreeSet<>(loaded.keySet());
            hours.addAll(sent.keySet());
            List<Map<String, Object>> expected = new ArrayList<>();
            long shortHours = 0;
            for (Instant hour : hours) {
                if (!hour.isBefore(since)) {
                    long l = loaded.getOrDefault(hour, 0L);
                    long s = sent.getOrDefault(hour, 0L);
                    shortHours += l == s ? 0 : 1;
                    expected.add(Map.of("hour", hour.toString(), "loaded", l, "source", s));
                }
            }
            JsonNode body = get(app, "/api/pipeline/volume?days=" + days);
            assertEquals(tree(Map.of("hours", expected, "short_hours", shortHours)), body, days + " days");
            assertEquals(0, shortHours, "every row a batch sent was loaded");
        }
        assertEquals(24, get(app, "/api/pipeline/volume?days=1").get("hours").size(), "one day is 24 hours");
        assertEquals(get(app, "/api/pipeline/volume?days=7"), get(app, "/api/pipeline/volume"), "7 days by default");
    }

    // ---- steps

    @Test
    void stepsAreEachRunsStepDurationsNewestRunFirstWithEveryStepNameInRunOrder() throws Exception {
        List<Map<String, Object>> all = rows(warehouse, "select run_id, step_order, step_name, duration_ms from pipeline_run_steps");
        all.sort(Comparator.comparing((Map<String, Object> r) -> ((Number) r.get("step_order")).intValue()));
        for (int runs : new int[] {10, 1}) {
            List<Map<String, Object>> recent = newestRuns(runs);
            List<Map<String, Object>> runsExpected = new ArrayList<>();
            Set<String> names = new TreeSet<>();
            for (Map<String, Object> run : recent) {
                Map<String, Long> steps = new LinkedHashMap<>();
                for (Map<String, Object> step : all) {
                    if (step.get("run_id").equals(run.get("run_id"))) {
                        steps.merge((String) step.get("step_name"), ((Number) step.get("duration_ms")).longValue(), Long::sum);
                        names.add((String) step.get("step_name"));
                    }
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("run_id", run.get("run_id"));
                r.put("started_at", run.get("started_at").toString());
                r.put("duration_ms", run.get("duration_ms"));
                r.put("steps", steps);
                runsExpected.add(r);
            }
            JsonNode body = get(app, "/api/pipeline/steps?runs=" + runs);
            assertEquals(tree(runsExpected), body.get("runs"));
            List<String> answeredNames = new ArrayList<>();
            body.get("steps").forEach(s -> answeredNames.add(s.asText()));
            assertEquals(names, new TreeSet<>(answeredNames), "every step name seen");
            assertEquals(names.size(), answeredNames.size(), "each once");
            for (int i = 0; i < runsExpected.size(); i++) {
                @SuppressWarnings("unchecked")
                List<String> ranInOrder = new ArrayList<>(((Map<String, Long>) runsExpected.get(i).get("steps")).keySet());
                List<String> answeredOrder = new ArrayList<>();
                body.get("runs").get(i).get("steps").fieldNames().forEachRemaining(answeredOrder::add);
                assertEquals(ranInOrder, answeredOrder, "a run's steps in the order they ran");
                assertEquals(ranInOrder, answeredNames.stream().filter(ranInOrder::contains).toList(),
                        "the step names in the order the runs ran them");
            }
            assertTrue(answeredNames.contains("commit") && answeredNames.contains("etl 30_facts/10_fct_sales.sql"),
                    answeredNames.toString());
        }
        assertEquals(get(app, "/api/pipeline/steps?runs=10"), get(app, "/api/pipeline/steps"), "10 runs by default");
    }

    // ---- data docs

    @Test
    void theDataDocsListExactlyTheTablesViewsAndColumnsOfTheCatalogWithTheirRowCounts() throws Exception {
        JsonNode docs = get(app, "/api/models");
        assertDocsEqualTheCatalog(warehouse, docs);
        Map<String, JsonNode> byName = byName(docs);
        assertTrue(byName.get("fct_sales").get("rows").asLong() > 1000);
        assertTrue(byName.get("quarantine").get("rows").asLong() > 100);
        assertEquals("view", byName.get("stg_order_items").get("object").asText());
        assertEquals("staging", byName.get("stg_order_items").get("layer").asText());
        assertEquals("fact", byName.get("fct_sales").get("layer").asText());
        assertEquals("ledger", byName.get("pipeline_runs").get("layer").asText());
        assertEquals(2, byName.get("pipeline_runs").get("rows").asLong());
    }

    @Test
    void theLineageHasTheFactsInputsAndEachModelsReadsAgreeWithTheEdges() throws Exception {
        JsonNode docs = get(app, "/api/models");
        Set<List<String>> edges = new LinkedHashSet<>();
        docs.get("edges").forEach(e -> edges.add(List.of(e.get("from").asText(), e.get("to").asText())));
        assertTrue(edges.contains(List.of("stg_order_items", "fct_sales")), edges.toString());
        assertTrue(edges.contains(List.of("dim_product", "fct_sales")), edges.toString());
        assertTrue(edges.contains(List.of("raw_order_items", "stg_order_items")), "a view reads what it selects from");
        Set<List<String>> fromModels = new LinkedHashSet<>();
        for (JsonNode model : docs.get("models")) {
            model.get("reads").forEach(r -> fromModels.add(List.of(r.asText(), model.get("name").asText())));
            model.get("read_by").forEach(r -> assertTrue(edges.contains(List.of(model.get("name").asText(), r.asText()))));
        }
        assertEquals(edges, fromModels);
        JsonNode fctSales = byName(docs).get("fct_sales");
        assertTrue(fctSales.get("built_by").toString().contains("30_facts/10_fct_sales.sql"), fctSales.toString());
        assertEquals("00_schema/50_fct_sales.sql", fctSales.get("schema_file").asText());
        assertFalse(fctSales.get("description").asText().isBlank());
    }

    @Test
    void aModelsChecksCarryTheLatestVerdictOfTheLedger() throws Exception {
        JsonNode fctSales = get(app, "/api/models/fct_sales");
        assertEquals(byName(get(app, "/api/models")).get("fct_sales"), fctSales, "one model as the list has it");
        String newest = (String) newestRuns(1).get(0).get("run_id");
        Map<String, Map<String, Object>> verdicts = new HashMap<>();
        for (Map<String, Object> row : rows(warehouse, "select * from etl_check_results where run_id = ?", newest)) {
            verdicts.put((String) row.get("check_name"), row);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode check : fctSales.get("checks")) {
            String name = check.get("check").asText();
            names.add(name);
            Map<String, Object> verdict = verdicts.get(name);
            assertNotNull(verdict, name + " ran in the newest run");
            assertEquals(verdict.get("status"), check.get("status").asText());
            assertEquals(((Number) verdict.get("failing_rows")).longValue(), check.get("failing_rows").asLong());
            assertEquals(newest, check.get("run_id").asText());
        }
        assertTrue(names.contains("20_fct_sales_keys") && names.contains("50_reconcile_sales_with_summary"), names.toString());
    }

    // ---- errors and an empty warehouse

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/pipeline/checks?runs=0",
            "/api/pipeline/checks?runs=101",
            "/api/pipeline/checks?runs=ten",
            "/api/pipeline/steps?runs=51",
            "/api/pipeline/volume?days=99",
            "/api/pipeline/volume?days=0",
            "/api/pipeline/volume?days=7&days=8",
            "/api/pipeline/freshness?colour=red",
            "/api/pipeline/quality?days=7",
            "/api/models?name=fct_sales",
            "/api/models/fct_sales?rows=1",
    })
    void aBadParameterGetsA400WithAJsonBodyNamingIt(String pathAndQuery) throws Exception {
        JsonNode body = answer(app, pathAndQuery, 400);
        assertEquals("bad_parameter", body.get("error").asText(), body.toString());
        String parameter = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1, pathAndQuery.indexOf('='));
        assertEquals(parameter, body.get("parameter").asText());
        assertTrue(body.get("detail").asText().contains(parameter), body.toString());
    }

    @Test
    void anUnknownModelGetsA404WithAJsonBody() throws Exception {
        for (String name : List.of("nope", "fct_sales%27%3B--")) {
            JsonNode body = answer(app, "/api/models/" + name, 404);
            assertEquals("not_found", body.get("error").asText());
            assertFalse(body.get("detail").asText().contains("'"), "input is not quoted back: " + body);
        }
    }

    @Test
    void aFreshWarehouseAnswersEveryEndpointWithEmptyContent() throws Exception {
        Map<String, String> props = new HashMap<>(freshWarehouse("fresh"));
        // the timer on, with its first run far off: the next run is the clock's start plus its delay
        props.put("ingest.timer.enabled", "true");
        props.put("ingest.timer.delay", String.valueOf(Duration.ofHours(10).toMillis()));
        Path freshDir = Files.createDirectories(dir.resolve("fresh"));
        try (RunningApplication fresh = DashboardTestSupport.start(freshDir, new MovableClock(FIRST_RUN_AT), props)) {
            JsonNode freshness = get(fresh, "/api/pipeline/freshness");
            assertTrue(freshness.get("loaded_through").isNull());
            assertTrue(freshness.get("hours_behind").isNull());
            assertTrue(freshness.get("behind").asBoolean(), "nothing loaded is behind");
            assertTrue(freshness.get("last_success").isNull());
            assertEquals("2025-01-04T23:00:00Z", freshness.get("last_completed_hour").asText());
            assertTrue(freshness.get("timer_enabled").asBoolean());
            assertEquals("2025-01-05T10:10:00Z", freshness.get("next_timer_run").asText());

            assertEquals(JSON.readTree("{\"runs\":[],\"checks\":[]}"), get(fresh, "/api/pipeline/checks"));
            assertEquals(JSON.readTree("{\"from\":null,\"to\":null,\"injected\":0,\"before_history\":0,\"quarantined\":0,\"kinds\":[],"
                    + "\"days\":[],\"differences\":[]}"), get(fresh, "/api/pipeline/quality"));
            assertEquals(JSON.readTree("{\"hours\":[],\"short_hours\":0}"), get(fresh, "/api/pipeline/volume"));
            assertEquals(JSON.readTree("{\"steps\":[],\"runs\":[]}"), get(fresh, "/api/pipeline/steps"));

            JsonNode docs = get(fresh, "/api/models");
            assertDocsEqualTheCatalog(fresh.warehouse(), docs);
            for (JsonNode model : docs.get("models")) {
                if (!model.get("layer").asText().equals("dimension")) { // dimensions hold their unknown member
                    assertEquals(0, model.get("rows").asLong(), model.get("name").asText());
                }
                for (JsonNode check : model.get("checks")) {
                    assertTrue(check.get("status").isNull() && check.get("run_id").isNull(), check.toString());
                }
            }
        }
    }

    // ---- helpers

    /**
     * Every model of the docs is a table or view of the warehouse's schema with exactly these column names in order and
     * this many rows, and every table and view of the schema is in the docs.
     */
    void assertDocsEqualTheCatalog(Warehouse db, JsonNode docs) throws SQLException {
        Map<String, String> objects = new TreeMap<>();
        for (Map<String, Object> t : rows(db, "select table_name, table_type from information_schema.tables"
                + " where table_schema = ?", schema())) {
            objects.put(((String) t.get("table_name")).toLowerCase(java.util.Locale.ROOT),
                    t.get("table_type").toString().toUpperCase(java.util.Locale.ROOT).contains("VIEW") ? "view" : "table");
        }
        Map<String, List<String>> columns = new HashMap<>();
        for (Map<String, Object> c : rows(db, "select table_name, column_name, ordinal_position from information_schema.columns"
                + " where table_schema = ? order by table_name, ordinal_position", schema())) {
            columns.computeIfAbsent(((String) c.get("table_name")).toLowerCase(java.util.Locale.ROOT), t -> new ArrayList<>())
                    .add(((String) c.get("column_name")).toLowerCase(java.util.Locale.ROOT));
        }
        assertTrue(objects.size() > 25, objects.toString());
        Map<String, JsonNode> models = byName(docs);
        assertEquals(objects.keySet(), new TreeSet<>(models.keySet()), "the docs list every table and view of the catalog");
        for (JsonNode model : models.values()) {
            String name = model.get("name").asText();
            assertEquals(objects.get(name), model.get("object").asText(), name);
            List<String> names = new ArrayList<>();
            model.get("columns").forEach(c -> {
                names.add(c.get("name").asText());
                assertFalse(c.get("type").asText().isBlank(), name + "." + c);
            });
            assertEquals(columns.get(name), names, name + "'s columns in order");
            long count = ((Number) rows(db, "select count(*) as n from " + name).get(0).get("n")).longValue();
            assertEquals(count, model.get("rows").asLong(), name + "'s rows");
        }
    }

    /** The runs of the ledger, newest first (by start, then id), at most {@code limit}. */
    private List<Map<String, Object>> newestRuns(int limit) throws SQLException {
        List<Map<String, Object>> runs = rows(warehouse, "select * from pipeline_runs");
        runs.sort(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get("started_at"))
                .thenComparing(r -> (String) r.get("run_id")).reversed());
        return runs.subList(0, Math.min(limit, runs.size()));
    }

    /** The start of the first committed chunk and the end of the last one. */
    private Instant[] loadedRange() throws SQLException {
        Instant from = null;
        Instant to = null;
        for (Map<String, Object> chunk : rows(warehouse, "select chunk_from, chunk_to from pipeline_chunks")) {
            Instant f = (Instant) chunk.get("chunk_from");
            Instant t = (Instant) chunk.get("chunk_to");
            from = from == null || f.isBefore(from) ? f : from;
            to = to == null || t.isAfter(to) ? t : to;
        }
        return new Instant[] {from, to};
    }

    private static Map<String, JsonNode> byName(JsonNode docs) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        docs.get("models").forEach(m -> assertEquals(null, byName.put(m.get("name").asText(), m), "listed once"));
        return byName;
    }

    /** A value as the JSON it is written as, read back (so a long and an int of the same number compare equal). */
    static JsonNode tree(Object value) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    static JsonNode get(RunningApplication app, String pathAndQuery) throws Exception {
        return answer(app, pathAndQuery, 200);
    }

    /** The JSON body of a GET that must answer with this status. */
    static JsonNode answer(RunningApplication app, String pathAndQuery, int status) throws Exception {
        HttpResponse<String> response = app.get(pathAndQuery);
        assertEquals(status, response.statusCode(), pathAndQuery + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), pathAndQuery);
        return JSON.readTree(response.body());
    }

    /** The rows of a query, column label (lower case) to value; timestamps (UTC wall clock) as instants. */
    static List<Map<String, Object>> rows(Warehouse db, String sql, Object... parameters) throws SQLException {
        List<Map<String, Object>> rows = DashboardTestSupport.query(db, sql, parameters);
        for (Map<String, Object> row : rows) {
            row.replaceAll((column, value) -> value instanceof java.sql.Timestamp t
                    ? t.toLocalDateTime().toInstant(ZoneOffset.UTC) : value);
        }
        return rows;
    }
}
