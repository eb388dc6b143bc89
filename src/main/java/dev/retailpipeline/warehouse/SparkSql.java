package dev.retailpipeline.warehouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark SQL's differences from the portable SQL of {@code sql/}, kept in this one place rather than in a copy of every
 * file: Spark wants {@code string} where the other databases take {@code varchar} without a length, and takes neither
 * {@code create macro} nor SQL functions over JDBC, so the macros of {@code 00_schema/01_macros.sql} (one parameter
 * each, e.g. {@code is_bigint(v)}) are expanded into every statement that calls them, and their definitions are not
 * sent; Delta refuses a subquery in a {@code delete}, which becomes the equivalent {@code merge ... when matched then
 * delete}; {@code extract(isodow from d)} is {@code extract(dow_iso from d)} and {@code extract(epoch from t)} is
 * {@code unix_timestamp(t)}. A file that differs beyond that has its own
 * version under {@code sql/spark/}.
 */
public final class SparkSql {
    /** The file whose macros Spark gets expanded. */
    public static final String MACRO_FILE = "00_schema/01_macros.sql";

    private static final Pattern DEFINITION = Pattern.compile(
            "(?is)create\\s+or\\s+replace\\s+macro\\s+(\\w+)\\s*\\(\\s*(\\w+)\\s*\\)\\s+as\\s+(.+)");
    /**
     * A migration adding a column an earlier release lacked ({@code 05_migrations}): Spark has no {@code add column if
     * not exists}, and no Spark warehouse was made without those columns, so the statement is not sent.
     */
    private static final Pattern ADD_COLUMN_IF_MISSING = Pattern.compile(
            "(?is)alter\\s+table\\s+\\w+\\s+add\\s+column\\s+if\\s+not\\s+exists\\s+.*");
    /**
     * DuckDB's {@code set variable} (the window and the touched orders' first batch, read by the macros): Spark's macros
     * have bodies of their own that need none (sql/spark/00_schema/01_macros.sql), so the statement is not sent.
     */
    private static final Pattern SET_VARIABLE = Pattern.compile("(?is)set\\s+variable\\s+.*");
    private static final Pattern VARCHAR = Pattern.compile("(?i)\\bvarchar\\b(?!\\s*\\()");

    private record Macro(String name, String parameter, String body) {
    }

    private final List<Macro> macros;

    private SparkSql(List<Macro> macros) {
        this.macros = macros;
    }

    /** The quirks with the macros defined by the given file's text ({@link #MACRO_FILE}). */
    public static SparkSql withMacrosOf(String macroFileText) {
        List<Macro> macros = new ArrayList<>();
        for (String statement : SqlScript.split(macroFileText)) {
            Matcher m = DEFINITION.matcher(withoutComments(statement));
            if (m.matches()) {
                macros.add(new Macro(m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3).strip()));
            }
        }
        return new SparkSql(macros);
    }

    /**
     * A file's text as Spark runs it: types renamed, macro calls expanded, macro definitions left out, and a delete
     * followed by an insert into the same table sent as one statement ({@link #replacing}).
     */
    public String rewrite(String text) {
        List<String> statements = new ArrayList<>();
        for (String statement : SqlScript.split(text)) {
            if (DEFINITION.matcher(withoutComments(statement)).matches()
                    || ADD_COLUMN_IF_MISSING.matcher(withoutComments(statement)).matches()
                    || SET_VARIABLE.matcher(withoutComments(statement)).matches()) {
                continue;
            }
            statements.add(expand(types(statement)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String replacing = i + 1 < statements.size() ? replacing(statements.get(i), statements.get(i + 1)) : null;
            String statement = replacing != null ? replacing : deleteAsMerge(statements.get(i));
            if (replacing != null) {
                i++;
            }
            out.add(statement.replaceAll("(?i)\\bextract\\(\\s*isodow\\s+from", "extract(dow_iso from")
                    .replaceAll("(?i)\\bextract\\(\\s*epoch\\s+from\\s", "unix_timestamp(")
                    + ";");
        }
        return String.join("\n\n", out) + "\n";
    }

    private static final Pattern DELETE_ALL = Pattern.compile("(?is)^((?:\\s*--[^\\n]*\\n)*)\\s*delete\\s+from\\s+(\\w+)\\s*$");
    private static final Pattern DELETE_WHERE = Pattern.compile(
            "(?is)^((?:\\s*--[^\\n]*\\n)*)\\s*delete\\s+from\\s+(\\w+)\\s+where\\s+(.*)$");
    private static final Pattern INSERT_INTO = Pattern.compile(
            "(?is)^((?:\\s*--[^\\n]*\\n)*)\\s*insert\\s+into\\s+(\\w+)\\s*(\\([^()]*\\))\\s*(.*)$");

    /**
     * A statement costs 0.2 s or more on Spark, and a delete followed by an insert into the same table is one Delta
     * version when sent as one: {@code delete from t; insert into t (cols) q} becomes {@code insert overwrite t (cols)
     * q}, and {@code delete from t where p; insert into t (cols) q}, with p a plain predicate (no subquery), becomes
     * {@code insert into t replace where p q} (Delta checks that every row of q meets p; the insert's column list
     * must be the table's columns in order, since a replace takes none). Null when the pair is not such.
     */
    static String replacing(String delete, String insert) {
        Matcher i = INSERT_INTO.matcher(insert);
        if (!i.matches()) {
            return null;
        }
        Matcher all = DELETE_ALL.matcher(delete);
        if (all.matches() && all.group(2).equalsIgnoreCase(i.group(2))) {
            return all.group(1) + i.group(1) + "insert overwrite " + i.group(2) + " " + i.group(3) + "\n" + i.group(4);
        }
        Matcher where = DELETE_WHERE.matcher(delete);
        if (where.matches() && where.group(2).equalsIgnoreCase(i.group(2))
                && !where.group(3).toLowerCase(Locale.ROOT).matches("(?s).*\\bselect\\b.*")) {
            return where.group(1) + i.group(1) + "insert into " + i.group(2) + " replace where "
                    + where.group(3).strip() + "\n" + i.group(4);
        }
        return null;
    }

    private static final Pattern DELETE_IN = Pattern.compile(
            "(?is)^((?:\\s*--[^\\n]*\\n)*)\\s*delete\\s+from\\s+(\\w+)\\s+where\\s+(.*?)\\b(\\w+)\\s+in\\s*(\\(\\s*select\\b.*\\))\\s*$");

    /**
     * Delta refuses a subquery in a DELETE: {@code delete from t where [conditions and] k in (select ...)} becomes
     * {@code merge into t using (the distinct keys) on t.k = key [and conditions] when matched then delete}, which
     * deletes the same rows in one statement. Other statements are returned as they are.
     */
    static String deleteAsMerge(String statement) {
        Matcher m = DELETE_IN.matcher(statement);
        if (!m.matches() || matching(statement, m.start(5)) != statement.length() - trailingBlanks(statement) - 1) {
            return statement;
        }
        String table = m.group(2);
        String conditions = m.group(3).strip();
        if (!conditions.isEmpty()) {
            if (!conditions.toLowerCase(Locale.ROOT).endsWith(" and")) {
                return statement;
            }
            conditions = conditions.substring(0, conditions.length() - 4).strip();
        }
        String subquery = m.group(5).strip();
        return m.group(1) + "merge into " + table + "\nusing (select distinct merge_key from " + subquery
                + " as merge_source(merge_key)) as merge_keys\non " + table + "." + m.group(4) + " = merge_keys.merge_key"
                + (conditions.isEmpty() ? "" : "\n    and (" + conditions + ")") + "\nwhen matched then delete";
    }

    private static int trailingBlanks(String s) {
        int n = 0;
        while (n < s.length() && Character.isWhitespace(s.charAt(s.length() - 1 - n))) {
            n++;
        }
        return n;
    }

    /** A statement with Spark's type names ({@code varchar} without a length is {@code string}). */
    public static String types(String statement) {
        return VARCHAR.matcher(statement).replaceAll("string");
    }

    private String expand(String statement) {
        String sql = statement;
        for (Macro macro : macros) {
            Pattern call = Pattern.compile("(?i)\\b" + Pattern.quote(macro.name()) + "\\s*\\(");
            Matcher m = call.matcher(sql);
            int from = 0;
            while (m.find(from)) {
                int open = m.end() - 1;
                int close = matching(sql, open);
                if (close < 0) {
                    throw new IllegalArgumentException("unbalanced call of " + macro.name() + " in: " + statement);
                }
                String argument = sql.substring(open + 1, close).strip();
                String body = macro.body().replaceAll("\\b" + Pattern.quote(macro.parameter()) + "\\b",
                        Matcher.quoteReplacement("(" + argument + ")"));
                String expanded = "(" + body + ")";
                sql = sql.substring(0, m.start()) + expanded + sql.substring(close + 1);
                from = m.start() + expanded.length();
                m = call.matcher(sql);
            }
        }
        return sql;
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping string literals; -1 if none. */
    private static int matching(String sql, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Hive JDBC driver's prepared statement with {@code getParameterMetaData()} answering the number of {@code ?}
     * (the driver throws instead, and camel-jdbc asks for it before binding named parameters); everything else is the
     * driver's own.
     */
    public static PreparedStatement countingParameters(PreparedStatement statement, String sql) {
        int count = parameterCount(sql);
        ParameterMetaData metaData = (ParameterMetaData) Proxy.newProxyInstance(ParameterMetaData.class.getClassLoader(),
                new Class<?>[] {ParameterMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getParameterCount" -> count;
                    case "isWrapperFor" -> false;
                    case "toString" -> "ParameterMetaData[" + count + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new SQLFeatureNotSupportedException(method.getName());
                });
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getParameterMetaData")) {
                        return metaData;
                    }
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The {@code ?} placeholders of a statement, outside string literals and comments. */
    static int parameterCount(String sql) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' ) {
                quoted = !quoted;
            } else if (!quoted && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (!quoted && c == '?') {
                count++;
            }
        }
        return count;
    }

    private static String withoutComments(String statement) {
        return statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
    }
}
