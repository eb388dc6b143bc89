package dev.retailpipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;

/** Starting the application with a fixed clock and shop, loading hours, and querying its warehouse directly. */
final class DashboardTestSupport {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final long SEED = 11;
    static final String START = "2025-01-01T00";

    private DashboardTestSupport() {
    }

    static RunningApplication start(Path dir, MovableClock clock, Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("generator.start", START);
        props.put("generator.seed", String.valueOf(SEED));
        props.putAll(extra);
        return RunningApplication.start(dir, props, clock);
    }

    static Warehouse warehouse(RunningApplication app) {
        return app.warehouse();
    }

    static JsonNode awaitRun(RunningApplication app, HttpResponse<String> accepted) throws Exception {
        return app.awaitRun(accepted);
    }

    /** The rows of a query with bound parameters, column label (lower case) to value. */
    static List<Map<String, Object>> query(Warehouse warehouse, String sql, Object... parameters) throws SQLException {
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    static BigDecimal money(Object value) {
        if (value == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal d = value instanceof BigDecimal b ? b : value instanceof JsonNode n ? n.decimalValue() : new BigDecimal(value.toString());
        return d.setScale(2, RoundingMode.HALF_UP);
    }

    static long number(Object value) {
        return value instanceof JsonNode n ? n.asLong() : ((Number) value).longValue();
    }
}
