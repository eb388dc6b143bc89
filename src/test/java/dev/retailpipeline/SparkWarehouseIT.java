package dev.retailpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged application on a real Apache Spark 3.5 engine with Delta Lake ({@link SparkEngine}), through its
 * Thrift Server ({@code jdbc:hive2://}): the product's own routes load two days with dirty data on, and the tests
 * read the Delta tables back through JDBC; one of them kills the application in the middle of a run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkWarehouseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MARTS = List.of("dim_date", "dim_store", "dim_payment_method", "dim_customer",
            "dim_product", "fct_sales", "fct_orders");
    private static final String TWO_DAYS = "{\"from\": \"2025-01-01\", \"to\": \"2025-01-03\"}";

    private static Path work;
    private static SparkEngine engine;
    private static JarProcess app;

    @BeforeAll
    static void startEngineAndApplication() throws Exception {
        work = Files.createTempDirectory("spark-it");
        engine = SparkEngine.start(work.resolve("engine"));
        copy(Path.of("sql"), work.resolve("sql"));
        app = JarProcess.start(work, environment(), List.of("-Xmx300m"));
    }

    /** The application on the engine: the shop (dirty data on), and its staged files in the work folder. */
    private static Map<String, String> environment() {
        return Map.of(
                "WAREHOUSE_URL", engine.jdbcUrl(),
                "WAREHOUSE_STAGE_DIR", work.resolve("stage").toString(),
                "GENERATOR_START", "2025-01-01T00",
                "GENERATOR_SCALE", "1",
                "GENERATOR_DIRTY", "0.02");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @Order(1)
    void twoDaysLoadAndTheMartsReconcileWithEveryBatchToTheCent() throws Exception {
        JsonNode run = app.runToEnd(TWO_DAYS, Duration.ofMinutes(10));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("hours").get("done").asInt()).isEqualTo(48);
        for (JsonNode check : run.get("checks")) {
            assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("passed");
        }
        // every batch's ground truth (revenue and cost over its clean rows) against the sales lines of its batch
        List<Map<String, Object>> batches = query("""
                select s.batch_hour, s.revenue, s.cost, coalesce(f.net, 0) as net, coalesce(f.cost, 0) as sales_cost
                from raw_batch_summary as s
                left join (
                    select batch_hour, sum(net_amount) as net, sum(cost_amount) as cost
                    from fct_sales
                    group by batch_hour
                ) as f on s.batch_hour = f.batch_hour
                order by s.batch_hour""");
        assertThat(batches).hasSizeGreaterThanOrEqualTo(48);
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> b : batches) {
            assertThat((BigDecimal) b.get("net")).as("net of batch %s", b.get("batch_hour"))
                    .isEqualByComparingTo((BigDecimal) b.get("revenue"));
            assertThat((BigDecimal) b.get("sales_cost")).as("cost of batch %s", b.get("batch_hour"))
                    .isEqualByComparingTo((BigDecimal) b.get("cost"));
            total = total.add((BigDecimal) b.get("net"));
        }
        assertThat(total).isPositive();
    }

    @Test
    @Order(2)
    void withDirtyDataTheQuarantineEqualsTheManifest() throws Exception {
        List<Map<String, Object>> expected = query("""
                select table_name, row_key, kind, batch_hour, count(*) as n
                from raw_batch_manifest group by table_name, row_key, kind, batch_hour
                order by table_name, row_key, kind, batch_hour""");
        List<Map<String, Object>> found = query("""
                select source_table as table_name, row_key, reason as kind, batch_hour, count(*) as n
                from quarantine group by source_table, row_key, reason, batch_hour
                order by table_name, row_key, kind, batch_hour""");
        assertThat(expected).isNotEmpty();
        assertThat(found).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void typeTwoFactsJoinTheVersionValidAtOrderTime() throws Exception {
        long versioned = number("select count(*) from dim_customer where version_number > 1")
                + number("select count(*) from dim_product where version_number > 1");
        assertThat(versioned).as("customers or products with a second version").isPositive();
        long wrongCustomer = number("""
                select count(*) from fct_sales as s
                inner join dim_customer as c on s.customer_key = c.customer_key
                where s.customer_key <> -1 and not (s.order_at >= c.valid_from and s.order_at < c.valid_to)""");
        long wrongProduct = number("""
                select count(*) from fct_sales as s
                inner join dim_product as p on s.product_key = p.product_key
                where s.product_key <> -1 and not (s.order_at >= p.valid_from and s.order_at < p.valid_to)""");
        assertThat(wrongCustomer + wrongProduct).isZero();
    }

    @Test
    @Order(4)
    void aReplayKilledInTheMiddleOfItsMartsAndRunAgainChangesNothing() throws Exception {
        // Delta tables have no multi-table transactions: a chunk's steps are idempotent and its watermark is
        // written last. Killed (SIGKILL) while it rewrites the facts, a replay leaves fct_sales rewritten and
        // fct_orders half done; the same range run again after a restart must put every mart back as it was.
        Map<String, String> before = fingerprints();
        var accepted = app.post("/api/runs", TWO_DAYS);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String killed = JSON.readTree(accepted.body()).get("run_id").asText();
        String step = "";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (!step.startsWith("etl 30_facts/20_fct_orders") && Instant.now().isBefore(deadline)) {
            JsonNode run = app.json("/api/runs/" + killed);
            assertThat(run.get("status").asText()).as("the replay is still running").isEqualTo("running");
            step = run.path("current_step").asText("");
            Thread.sleep(20);
        }
        assertThat(step).as("the replay reached the facts").startsWith("etl 30_facts/20_fct_orders");
        app.kill();
        app = JarProcess.start(work, environment(), List.of("-Xmx300m"));
        assertThat(app.json("/api/runs/" + killed).get("status").asText()).as("the killed run, after the restart")
                .isEqualTo("failed");

        JsonNode run = app.runToEnd(TWO_DAYS, Duration.ofMinutes(10));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(fingerprints()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aBrokenSqlFileFailsTheRunAtItsStepAndEveryMartIsRestored() throws Exception {
        // the file Spark runs: its own version of the model (one merge), at the same relative path
        Path file = work.resolve("sql/spark/30_facts/20_fct_orders.sql");
        String original = Files.readString(file);
        Map<String, Long> versions = versions();
        Map<String, String> before = fingerprints();
        Files.writeString(file, original + "\nselect no_such_column from fct_orders;\n");
        try {
            JsonNode run = app.runToEnd("{\"from\": \"2025-01-03T00\", \"to\": \"2025-01-03T02\"}", Duration.ofMinutes(10));
            assertThat(run.get("status").asText()).isEqualTo("failed");
            assertThat(run.get("error").get("step").asText()).isEqualTo("etl 30_facts/20_fct_orders.sql");
            assertThat(run.get("error").get("message").asText()).contains("no_such_column");
        } finally {
            Files.writeString(file, original);
        }
        // the chain changed the marts before the broken statement; the failed chunk restored them
        assertThat(versions()).as("Delta versions").isNotEqualTo(versions);
        assertThat(fingerprints()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void theAnalyticsEndpointsEqualIndependentSql() throws Exception {
        JsonNode summary = app.json("/api/analytics/summary?from=2025-01-01&to=2025-01-03");
        BigDecimal revenue = (BigDecimal) query("""
                select coalesce(sum(net_amount), 0) as revenue from fct_sales
                where date_key >= 20250101 and date_key < 20250103""").get(0).get("revenue");
        assertThat(summary.get("current").get("revenue").decimalValue()).isEqualByComparingTo(revenue);
        assertThat(summary.get("current").get("orders").asLong()).isEqualTo(number("""
                select count(distinct order_id) from fct_sales where date_key >= 20250101 and date_key < 20250103"""));
        JsonNode channels = app.json("/api/analytics/channels?from=2025-01-01&to=2025-01-03").get("channels");
        for (Map<String, Object> row : query("""
                select channel, sum(net_amount) as revenue from fct_sales
                where date_key >= 20250101 and date_key < 20250103 group by channel""")) {
            JsonNode answered = null;
            for (JsonNode c : channels) {
                if (c.get("channel").asText().equals(row.get("channel"))) {
                    answered = c;
                }
            }
            assertThat(answered).as("channel %s", row.get("channel")).isNotNull();
            assertThat(answered.get("revenue").decimalValue()).isEqualByComparingTo((BigDecimal) row.get("revenue"));
        }
    }

    @Test
    @Order(7)
    void theDataDocsListTheTablesAndColumnsOfTheSparkCatalogWithTheirRowCounts() throws Exception {
        // two statements a model (its columns, its rows), each a Spark job: about 25 s on a busy 2-core machine
        var answer = app.get("/api/models", Duration.ofMinutes(3));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode docs = JSON.readTree(answer.body());
        Map<String, JsonNode> models = new LinkedHashMap<>();
        docs.get("models").forEach(m -> models.put(m.get("name").asText(), m));
        Map<String, JsonNode> inSpark = new LinkedHashMap<>(models);
        // the run ledger lives in a DuckDB file beside Spark, not in its catalog; the docs still describe it
        for (String ledgerTable : List.of("pipeline_runs", "pipeline_run_steps", "etl_check_results")) {
            JsonNode ledger = inSpark.remove(ledgerTable);
            assertThat(ledger).as(ledgerTable).isNotNull();
            assertThat(ledger.get("columns")).as(ledgerTable).isNotEmpty();
            assertThat(ledger.get("rows").asLong()).as(ledgerTable).isPositive();
        }
        List<String> catalog = new ArrayList<>();
        for (Map<String, Object> t : query("show tables")) {
            if (!Boolean.TRUE.equals(t.get("isTemporary"))) {
                catalog.add(((String) t.get("tableName")).toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(inSpark.keySet()).as("the docs list every table and view of the catalog")
                .containsExactlyInAnyOrderElementsOf(catalog);
        try (Connection c = DriverManager.getConnection(engine.jdbcUrl(), "", "")) {
            for (String name : catalog) {
                List<String> columns = new ArrayList<>();
                for (Map<String, Object> row : query(c, "describe " + name)) {
                    String column = String.valueOf(row.get("col_name")).strip();
                    if (column.isEmpty() || column.startsWith("#")) {
                        break; // partitioning and table details follow the columns
                    }
                    columns.add(column.toLowerCase(java.util.Locale.ROOT));
                }
                List<String> documented = new ArrayList<>();
                inSpark.get(name).get("columns").forEach(col -> documented.add(col.get("name").asText()));
                assertThat(documented).as("%s's columns in order", name).isEqualTo(columns);
                assertThat(inSpark.get(name).get("rows").isNumber()).as("%s's rows", name).isTrue();
            }
        }
        assertThat(inSpark.get("fct_sales").get("rows").asLong()).isEqualTo(number("select count(*) from fct_sales"));
        assertThat(inSpark.get("raw_orders").get("rows").asLong()).isEqualTo(number("select count(*) from raw_orders"));
        assertThat(inSpark.get("stg_order_items").get("object").asText()).isEqualTo("view");
        List<String> edges = new ArrayList<>();
        docs.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText()));
        assertThat(edges).contains("stg_order_items -> fct_sales", "dim_product -> fct_sales");
    }


    /** Row count and a content hash of each mart. */
    private static Map<String, String> fingerprints() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : MARTS) {
            Map<String, Object> row = query("select count(*) as n, sum(cast(hash(*) as bigint)) as h from " + table).get(0);
            out.put(table, row.get("n") + "/" + row.get("h"));
        }
        return out;
    }

    /** The newest Delta version of each mart. */
    private static Map<String, Long> versions() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : MARTS) {
            out.put(table, ((Number) query("describe history " + table + " limit 1").get(0).get("version")).longValue());
        }
        return out;
    }

    private static long number(String sql) throws SQLException {
        return ((Number) query(sql).get(0).values().iterator().next()).longValue();
    }

    private static List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(engine.jdbcUrl(), "", "")) {
            return query(c, sql);
        }
    }

    private static List<Map<String, Object>> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.put(rs.getMetaData().getColumnLabel(i), v instanceof java.sql.Timestamp t ? t.toString() : v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
