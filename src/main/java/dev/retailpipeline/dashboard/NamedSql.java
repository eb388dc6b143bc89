package dev.retailpipeline.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL text from the classpath with named parameters ({@code :name}), turned into a JDBC statement with
 * {@code ?} placeholders; values are only ever bound, never pasted into the text.
 */
final class NamedSql {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z_][a-z0-9_]*)");

    private final String jdbcText;
    private final List<String> names;

    private NamedSql(String jdbcText, List<String> names) {
        this.jdbcText = jdbcText;
        this.names = List.copyOf(names);
    }

    static NamedSql of(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String code = line.strip().startsWith("--") ? "" : line;
            // a parameter is outside quotes: '%"snapshot":true%' is a string, not the parameter :true
            String[] parts = code.split("'", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append('\'');
                }
                if (i % 2 == 1) {
                    out.append(parts[i]);
                    continue;
                }
                Matcher m = PARAMETER.matcher(parts[i]);
                while (m.find()) {
                    names.add(m.group(1));
                    m.appendReplacement(out, "?");
                }
                m.appendTail(out);
            }
            out.append('\n');
        }
        return new NamedSql(out.toString(), names);
    }

    /** Reads {@code dashboard/sql/<name>.sql} from the classpath. */
    static String resource(String name) {
        String path = "dashboard/sql/" + name + ".sql";
        try (InputStream in = NamedSql.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> names() {
        return names;
    }

    String jdbcText() {
        return jdbcText;
    }

    PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(jdbcText);
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value for SQL parameter :" + name);
                }
                Object value = values.get(name);
                int index = i + 1;
                if (value == null) {
                    ps.setNull(index, name.endsWith("_id") ? Types.BIGINT : name.endsWith("_key") ? Types.INTEGER : Types.VARCHAR);
                } else if (value instanceof Integer n) {
                    ps.setInt(index, n);
                } else if (value instanceof Long n) {
                    ps.setLong(index, n);
                } else {
                    ps.setString(index, value.toString());
                }
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
