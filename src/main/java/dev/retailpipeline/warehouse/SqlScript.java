package dev.retailpipeline.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQL file: its path relative to the sql folder (e.g. {@code 00_raw/raw_orders.sql}), where it was read
 * from (a file on disk or a classpath resource, possibly a dialect's own version) and its text.
 */
public record SqlScript(String relativePath, String origin, String text) {

    /** The statements of the file: split on a {@code ;} that ends a line; blank and comment-only parts dropped. */
    public List<String> statements() {
        return split(text);
    }

    /** Runs every statement of the file on the connection, in order. */
    public void run(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements()) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(origin + ": " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                add(out, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String sql = statement.toString().strip();
        boolean hasCode = sql.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("--"));
        if (hasCode) {
            out.add(sql);
        }
    }
}
