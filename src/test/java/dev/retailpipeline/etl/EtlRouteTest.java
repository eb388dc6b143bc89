package dev.retailpipeline.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL chain as the running application runs it after each load, with its sql folder in a temporary copy
 * that the tests edit while the application runs.
 */
class EtlRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MARTS = List.of("dim_date", "dim_store", "dim_payment_method", "dim_customer",
            "dim_product", "fct_sales", "fct_orders");

    @TempDir
    Path dir;
    Path sql;

    @BeforeEach
    void copySqlFolder() throws IOException {
        sql = dir.resolve("sql");
        Path source = Path.of("sql");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = sql.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private RunningApplication start() throws Exception {
        return RunningApplication.start(dir.resolve("routes"), Map.of(
                "warehouse.url", "jdbc:duckdb:" + dir.resolve("w.duckdb"),
                "sql.dir", sql.toString(),
                "generator.start", "2025-01-01T00",
                "generator.seed", "3",
                "ingest.retry.delay-ms", "10"), new MovableClock(Instant.parse("2025-01-02T00:10:00Z")));
    }

    @Test
    void aBrokenSqlFileFailsTheRunAtThatStepAndLeavesTheMartsAsTheyWere() throws Exception {
        try (RunningApplication app = start()) {
            JsonNode good = run(app, "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T12\"}");
            assertEquals("succeeded", good.get("status").asText(), good.toString());
            Warehouse warehouse = warehouse(app);
            Map<String, List<String>> before = marts(warehouse);
            assertTrue(before.get("fct_sales").size() > 100);

            Files.writeString(sql.resolve("30_facts/15_broken_fixture.sql"),
                    "-- a model with a syntax error\ndelete from fct_sales;\nselect from where;\n");
            JsonNode failed = run(app, "{\"from\": \"2025-01-01T06\", \"to\": \"2025-01-01T12\"}");
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertEquals("etl 30_facts/15_broken_fixture.sql", failed.get("error").get("step").asText());
            assertTrue(failed.get("error").get("message").asText().startsWith("SQL step 30_facts/15_broken_fixture.sql failed: "),
                    failed.toString());
            List<String> steps = new ArrayList<>();
            failed.get("steps").forEach(s -> steps.add(s.get("step").asText()));
            assertTrue(steps.contains("etl 30_facts/10_fct_sales.sql"), steps.toString());
            assertFalse(steps.contains("etl 30_facts/20_fct_orders.sql"), "later steps do not run: " + steps);
            assertFalse(steps.stream().anyMatch(s -> s.startsWith("etl 90_checks")), steps.toString());
            assertEquals(before, marts(warehouse), "every mart is as it was before the run");

            Files.delete(sql.resolve("30_facts/15_broken_fixture.sql"));
            assertEquals("succeeded", run(app, "{\"from\": \"2025-01-01T06\", \"to\": \"2025-01-01T12\"}")
                    .get("status").asText());
            assertEquals(before, marts(warehouse), "replaying loaded hours leaves the marts unchanged");
        }
    }

    @Test
    void editingASqlFileWhileTheApplicationRunsChangesTheNextRun() throws Exception {
        try (RunningApplication app = start()) {
            Path check = sql.resolve("90_checks/99_edited_fixture.sql");
            Files.writeString(check, "-- severity: warn\nselect order_id from fct_orders where order_status = 'paid'\n");
            JsonNode warned = run(app, "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}");
            assertEquals("succeeded", warned.get("status").asText(), warned.toString());
            JsonNode result = check(warned, "99_edited_fixture");
            assertEquals("warned", result.get("status").asText());
            assertTrue(result.get("failing_rows").asLong() > 0);

            Files.writeString(check, "-- severity: fail\nselect order_id from fct_orders where order_status = 'paid'\n");
            JsonNode failed = run(app, "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}");
            assertEquals("failed", failed.get("status").asText());
            assertTrue(failed.get("error").get("message").asText().startsWith("check 99_edited_fixture failed"),
                    failed.toString());
            assertEquals("failed", check(failed, "99_edited_fixture").get("status").asText());
        }
    }

    @Test
    void aFileAtFaultFailsTheRunAtItsStepNamingItAndAMisspeltOrCapitalisedSeverityIsReadOrRefused() throws Exception {
        String hours = "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T03\"}";
        try (RunningApplication app = start()) {
            // what a model computes can be wrong on valid SQL: an overflow is the step's fault, not the warehouse's
            Path overflow = sql.resolve("30_facts/35_overflow_fixture.sql");
            Files.writeString(overflow, "select cast(2147483647 as integer) + cast(1 as integer) as x;\n");
            JsonNode failed = run(app, hours);
            assertEquals("etl 30_facts/35_overflow_fixture.sql", failed.get("error").get("step").asText(), failed.toString());
            assertTrue(failed.get("error").get("message").asText()
                    .startsWith("SQL step 30_facts/35_overflow_fixture.sql failed: Out of Range Error"), failed.toString());
            Files.delete(overflow);

            // a file that is not UTF-8 text is named as such, at its own step
            Path latin1 = sql.resolve("30_facts/28_latin1_fixture.sql");
            Files.write(latin1, "-- caf\u00e9\nselect 1;\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            failed = run(app, hours);
            assertEquals("etl 30_facts/28_latin1_fixture.sql", failed.get("error").get("step").asText(), failed.toString());
            assertTrue(failed.get("error").get("message").asText()
                    .startsWith("SQL file 30_facts/28_latin1_fixture.sql is not UTF-8 text: save it as UTF-8"), failed.toString());
            Files.delete(latin1);

            // severity in capitals reads as written; a check's verdict is its last query's rows, not what
            // statements before it changed
            Path check = sql.resolve("90_checks/99_severity_fixture.sql");
            Files.writeString(check, "-- Severity: WARNING\ncreate temp table probe_fixture as select 1 as x;\n"
                    + "select order_id from fct_orders where order_status = 'paid';\n");
            JsonNode warned = run(app, hours);
            assertEquals("succeeded", warned.get("status").asText(), warned.toString());
            assertEquals("warned", check(warned, "99_severity_fixture").get("status").asText());
            Files.writeString(check, "-- severity: fail\ncreate temp table probe_fixture as select 1 as x;\n"
                    + "select x from probe_fixture where x = 2;\n");
            assertEquals("passed", check(run(app, hours), "99_severity_fixture").get("status").asText());

            // a check with no query has no verdict: the file's mistake, not a passed check
            Files.writeString(check, "-- severity: fail\ncreate temp table probe_fixture as select 1 as x;\n");
            failed = run(app, hours);
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertEquals("etl 90_checks/99_severity_fixture.sql", failed.get("error").get("step").asText());
            assertTrue(failed.get("error").get("message").asText().contains("is a check without a query"),
                    failed.toString());

            // a severity that is neither fail nor warn is the file's mistake, not a failing check
            Files.writeString(check, "-- severity: sometimes\nselect 1 as x where false;\n");
            failed = run(app, hours);
            assertEquals("failed", failed.get("status").asText());
            assertEquals("etl 90_checks/99_severity_fixture.sql", failed.get("error").get("step").asText());
            assertTrue(failed.get("error").get("message").asText().contains("names severity 'sometimes'"),
                    failed.toString());
        }
    }

    @Test
    void aModelThatDoublesUnitsOrMarginFailsItsChecksAndLeavesTheMartsAsTheyWere() throws Exception {
        String hours = "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}";
        Path model = sql.resolve("30_facts/10_fct_sales.sql");
        String original = Files.readString(model);
        try (RunningApplication app = start()) {
            assertEquals("succeeded", run(app, hours).get("status").asText());
            Map<String, List<String>> before = marts(warehouse(app));

            Files.writeString(model, original.replace("    line_number,\n    quantity,\n", "    line_number,\n    2 * quantity as quantity,\n"));
            JsonNode units = run(app, hours);
            assertEquals("failed", units.get("status").asText(), units.toString());
            assertEquals("failed", check(units, "50_reconcile_sales_with_summary").get("status").asText());

            Files.writeString(model, original.replace("gross_amount - discount_amount - cost_amount as margin_amount",
                    "2 * (gross_amount - discount_amount - cost_amount) as margin_amount"));
            JsonNode margin = run(app, hours);
            assertEquals("failed", margin.get("status").asText(), margin.toString());
            assertEquals("failed", check(margin, "51_sales_line_arithmetic").get("status").asText());
            assertEquals(before, marts(warehouse(app)), "every mart is as it was before the two runs");
        }
    }

    @Test
    void aNumberedStageFolderAUserAddsRunsInItsPlaceAmongTheOthers() throws Exception {
        Files.createDirectories(sql.resolve("40_marts"));
        Files.writeString(sql.resolve("40_marts/10_daily_revenue_fixture.sql"), """
                create table if not exists daily_revenue_fixture as
                    select date_key, cast(0 as decimal(14, 2)) as revenue from fct_sales where false;
                delete from daily_revenue_fixture;
                insert into daily_revenue_fixture select date_key, sum(net_amount) from fct_sales group by date_key;
                """);
        try (RunningApplication app = start()) {
            JsonNode run = run(app, "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T06\"}");
            assertEquals("succeeded", run.get("status").asText(), run.toString());
            List<String> steps = new ArrayList<>();
            run.get("steps").forEach(s -> steps.add(s.get("step").asText()));
            int marts = steps.indexOf("etl 40_marts/10_daily_revenue_fixture.sql");
            assertTrue(marts > steps.indexOf("etl 30_facts/20_fct_orders.sql") && marts >= 0, steps.toString());
            assertTrue(marts < steps.indexOf("etl 90_checks/10_dim_customer_keys.sql"), steps.toString());
        }
    }

    private static JsonNode check(JsonNode run, String name) {
        for (JsonNode c : run.get("checks")) {
            if (c.get("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + run);
    }

    private static JsonNode run(RunningApplication app, String body) throws Exception {
        return app.awaitRun(app.post("/api/runs", body));
    }

    private static Warehouse warehouse(RunningApplication app) {
        return app.warehouse();
    }

    /** Every mart's rows, as ordered text. */
    static Map<String, List<String>> marts(Warehouse warehouse) throws Exception {
        Map<String, List<String>> all = new LinkedHashMap<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            for (String table : MARTS) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select * from " + table + " order by all")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            sb.append(rs.getString(i)).append('|');
                        }
                        rows.add(sb.toString());
                    }
                }
                all.put(table, rows);
            }
        }
        return all;
    }
}
