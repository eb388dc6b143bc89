package dev.retailpipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a warehouse holds, as a row count and a content checksum per table (every column but the run id and the
 * wall-clock ones), to compare a warehouse with a clean run's.
 */
public final class WarehouseChecksums {

    /** The tables the ETL builds: staging, dimensions, facts and the quarantine. */
    public static final List<String> MARTS = List.of("quarantine", "stg_stores", "stg_customers", "stg_products",
            "stg_orders", "stg_order_items", "stg_payments", "dim_date", "dim_store", "dim_payment_method",
            "dim_customer", "dim_product", "fct_sales", "fct_orders");
    /** The raw tables a chunk loads. */
    public static final List<String> RAW = List.of("raw_stores", "raw_customers", "raw_products", "raw_orders",
            "raw_order_items", "raw_payments", "raw_batch_manifest", "raw_batch_summary");
    private static final Set<String> VOLATILE_COLUMNS = Set.of("run_id", "quarantined_at", "loaded_at");

    private WarehouseChecksums() {
    }

    /** Raw tables and marts. */
    public static Map<String, String> of(Connection c) throws SQLException {
        List<String> all = new ArrayList<>(RAW);
        all.addAll(MARTS);
        return of(c, all);
    }

    public static Map<String, String> of(Connection c, List<String> tables) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
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
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select " + String.join(", ", columns) + " from " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                        }
                        rows.add(sb.toString());
                    }
                }
                Collections.sort(rows);
                sums.put(table, rows.size() + ":" + sha256(String.join("\n", rows)));
            }
        }
        return sums;
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
