package dev.retailpipeline.ingest;

import dev.retailpipeline.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the raw tables back for assertions. */
final class RawTables {
    private RawTables() {
    }

    /** Every raw table's source columns and batch hour, all rows in a fixed order, as text. */
    static Map<String, List<String>> snapshot(Warehouse wh) throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        try (Connection c = wh.connect(); Statement st = c.createStatement()) {
            for (RawTable t : RawTable.values()) {
                StringBuilder cols = new StringBuilder();
                for (RawTable.Column col : t.columns()) {
                    cols.append(col.name()).append(", ");
                }
                cols.append("cast(batch_hour as varchar)");
                String order = java.util.stream.IntStream.rangeClosed(1, t.columns().size() + 1)
                        .mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElseThrow();
                all.put(t.rawTable(), rows(st, "select " + cols + " from " + t.rawTable() + " order by " + order));
            }
            all.put("raw_batch_summary", rows(st, "select cast(batch_hour as varchar), seed, stores_rows, "
                    + "order_items_rows, dirty_rows, revenue, refunds, summary_json from raw_batch_summary "
                    + "order by 1"));
        }
        return all;
    }

    static long count(Warehouse wh, String sql) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> rows(Warehouse wh, String sql) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement()) {
            return rows(st, sql);
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
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

    static void empty(Warehouse wh) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement()) {
            for (RawTable t : RawTable.values()) {
                st.execute("delete from " + t.rawTable());
            }
            st.execute("delete from raw_batch_summary");
        }
    }
}
