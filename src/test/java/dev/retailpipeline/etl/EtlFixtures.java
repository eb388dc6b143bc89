package dev.retailpipeline.etl;

import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.ingest.RawIngest;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Generated hours loaded into a warehouse's raw tables, ETL runs over them, and what tests read back. */
final class EtlFixtures {
    static final long SEED = 42;
    static final double SCALE = 1;
    static final long SHOP_START = ShopHours.parse("2025-01-01T00");
    static final RetailGenerator GENERATOR = new RetailGenerator(new GeneratorConfig(SHOP_START));
    static final SqlFolder SQL_DUCKDB = SqlFolder.of(dev.retailpipeline.warehouse.Dialect.DUCKDB);

    /** The tables the ETL builds (staging, dimensions, facts, quarantine), compared by checksum. */
    static final List<String> MARTS = List.of("quarantine", "stg_stores", "stg_customers", "stg_products",
            "stg_orders", "stg_order_items", "stg_payments", "dim_date", "dim_store", "dim_payment_method",
            "dim_customer", "dim_product", "fct_sales", "fct_orders");
    private static final Set<String> VOLATILE_COLUMNS = Set.of("run_id", "quarantined_at", "loaded_at");

    private EtlFixtures() {
    }

    static SqlFolder sql(Warehouse wh) {
        return SqlFolder.of(wh.dialect());
    }

    /** Creates the raw tables (and quarantine, etl_check_results): the 00_raw stage. */
    static void setUp(Warehouse wh) throws SQLException {
        try (Connection c = wh.connect()) {
            sql(wh).runStage(c, "00_raw");
        }
    }

    /** Loads the hours [from, to) with the given dirty rate, one transaction per hour. */
    static void load(Warehouse wh, Path staging, long from, long to, double dirty) throws IOException, SQLException {
        RawIngest ingest = new RawIngest(wh, staging);
        try (Connection c = wh.connect()) {
            for (long h = from; h < to; h++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
                GENERATOR.writeHour(new BatchSpec(SEED, h, SCALE, dirty), Format.NDJSON, null, out);
                ingest.loadHour(c, new ByteArrayInputStream(out.toByteArray()), "load-" + h);
            }
        }
    }

    /** Runs the ETL over [from, to) with the warehouse's own sql folder. */
    static EtlRunner.Result etl(Warehouse wh, long from, long to) throws SQLException {
        return etl(wh, sql(wh), from, to);
    }

    static EtlRunner.Result etl(Warehouse wh, SqlFolder sql, long from, long to) throws SQLException {
        try (Connection c = wh.connect()) {
            return EtlRunner.run(c, sql, from, to, "etl-" + ShopHours.format(from) + "-" + ShopHours.format(to));
        }
    }

    /** Loads [from, to) and runs the ETL once per day-long slice of it. */
    static void loadAndRunByDay(Warehouse wh, Path staging, long from, long to, double dirty)
            throws IOException, SQLException {
        for (long day = from; day < to; day += 24) {
            long end = Math.min(to, day + 24);
            load(wh, staging, day, end, dirty);
            EtlRunner.Result r = etl(wh, day, end);
            if (!r.failedChecks().isEmpty() && dirty == 0) {
                throw new AssertionError("checks failed for " + ShopHours.format(day) + ": " + r.failedChecks());
            }
        }
    }

    /** A checksum per mart of every row (the run id and wall-clock columns left out), in a fixed order. */
    static Map<String, String> checksums(Warehouse wh) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = wh.connect(); Statement st = c.createStatement()) {
            for (String table : MARTS) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select * from " + table + " where 1 = 0")) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String name = md.getColumnName(i).toLowerCase();
                        if (!VOLATILE_COLUMNS.contains(name)) {
                            columns.add(name);
                        }
                    }
                }
                String cols = String.join(", ", columns);
                List<String> rows = rows(st, "select " + cols + " from " + table);
                java.util.Collections.sort(rows);
                sums.put(table, rows.size() + ":" + sha256(String.join("\n", rows)));
            }
        }
        return sums;
    }

    static List<String> rows(Warehouse wh, String sql) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement()) {
            return rows(st, sql);
        }
    }

    static long count(Warehouse wh, String sql) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
