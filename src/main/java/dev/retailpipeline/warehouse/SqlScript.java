package dev.retailpipeline.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQL file: its path relative to the sql folder (e.g. {@code 00_schema/13_raw_orders.sql}), where it was read
 * from (a file on disk or a classpath resource, possibly a dialect's own version) and its text.
 */
public record SqlScript(String relativePath, String origin, String text) {

    /** The statements of the file: split on a {@code ;} that ends a line; blank and comment-only parts dropped. */
    public List<String> statements() {
        return split(text);
    }

    private static final java.util.regex.Pattern VIEW = java.util.regex.Pattern.compile(
            "(?im)^\\s*create\\s+(?:or\\s+replace\\s+)?view\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");

    /** The views the file makes ({@code create [or replace] view name}). */
    public List<String> viewsDefined() {
        List<String> views = new ArrayList<>();
        java.util.regex.Matcher m = VIEW.matcher(text);
        while (m.find()) {
            views.add(m.group(1));
        }
        return views;
    }

    private static final java.util.regex.Pattern DEFINITION = java.util.regex.Pattern.compile(
            "(?is)^(?:\\s*--[^\\n]*\\n)*\\s*(create|alter|drop)\\b.*");

    /**
     * The statements of a text that define rather than change rows ({@code create}, {@code alter}, {@code drop}),
     * without their leading comments: what {@code 00_schema} holds and a model file must not.
     */
    public static List<String> definitions(String text) {
        List<String> found = new ArrayList<>();
        for (String statement : split(text)) {
            if (DEFINITION.matcher(statement).matches()) {
                found.add(statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .collect(java.util.stream.Collectors.joining("\n")).strip());
            }
        }
        return found;
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
