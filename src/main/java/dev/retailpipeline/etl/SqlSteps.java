package dev.retailpipeline.etl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retailpipeline.warehouse.SqlScript;
import dev.retailpipeline.warehouse.SqlFileException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The steps around one SQL file of the ETL route: {@link #start} gives its statements (which camel-jdbc runs in the
 * chunk's transaction), {@link #count} adds each statement's rows, {@link #end} records the file as a ledger step
 * and, for a check ({@code 90_checks}), its verdict: failing rows fail the run or warn, by the file's
 * {@code -- severity: fail|warn} header (fail when absent), over the rows of its last query.
 */
public final class SqlSteps {

    /** The exchange property holding the file under way. */
    static final String STEP = "sqlStep";
    /** The exchange property holding the chunk's check verdicts, counted in one statement (check name to failing rows). */
    static final String CHECK_COUNTS = "sqlCheckCounts";
    private static final Pattern SEVERITY = Pattern.compile("(?im)^--\\s*severity\\s*:\\s*(\\S*)\\s*$");

    /** A file under way: its script, when it started and the rows so far. */
    static final class Tally {
        final SqlScript script;
        final long started = System.nanoTime();
        long rows;
        /** The rows the file's last query returned (a check's verdict); -1 before any query. */
        long queried = -1;

        Tally(SqlScript script) {
            this.script = script;
        }
    }

    private final DataSource transaction;

    /** Steps that run every statement of every file, checks included. */
    public SqlSteps() {
        this(null);
    }

    /**
     * Steps that count the failing rows of the chunk's checks in one statement on the chunk's connection, at the first
     * check, for a database where a statement costs 0.2 s or more and a failing one aborts nothing (Spark): each check
     * keeps its file, its verdict and its ledger step (the statement's time goes to the first).
     */
    public SqlSteps(DataSource transaction) {
        this.transaction = transaction;
    }

    public List<String> start(Exchange exchange, SqlScript script,
                              @ExchangeProperty(EtlProgress.PROPERTY) EtlProgress progress) {
        if (isCheck(script)) {
            severity(script); // a misspelt severity fails the run before the check runs
        }
        if (progress != null) {
            progress.step(stepName(script));
        }
        Tally tally = new Tally(script);
        exchange.setProperty(STEP, tally);
        if (isCheck(script) && transaction != null && oneQuery(script)) {
            Long failing = checkCounts(exchange).get(checkName(script));
            if (failing != null) {
                tally.queried = failing;
                tally.rows = failing;
                return List.of();
            }
        }
        return script.statements();
    }

    /** A check that is one query, so that it can be counted beside the others. */
    private static boolean oneQuery(SqlScript script) {
        return script.statements().size() == 1;
    }

    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(":\\?(\\w+)");

    /**
     * The failing rows of every check of the plan that is one query, counted in one statement the first time a check
     * asks; empty when that statement fails, so that each check then runs its own query and a broken one names its file.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Long> checkCounts(Exchange exchange) {
        Map<String, Long> counts = exchange.getProperty(CHECK_COUNTS, Map.class);
        if (counts == null) {
            return Map.of();
        }
        synchronized (counts) {
            if (counts.isEmpty()) {
                countChecks(exchange, counts);
            }
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private void countChecks(Exchange exchange, Map<String, Long> counts) {
        List<SqlScript> plan = exchange.getProperty(SqlPlan.SCRIPTS, List.class);
        List<String> parts = new ArrayList<>();
        for (SqlScript s : plan == null ? List.<SqlScript>of() : plan) {
            if (isCheck(s) && oneQuery(s)) {
                parts.add("select '" + checkName(s).replace("'", "''") + "' as check_name, count(*) as failing_rows from ("
                        + s.statements().get(0) + "\n) as check_" + parts.size());
            }
        }
        if (!parts.isEmpty()) {
            // the chunk's named parameters (:?batch_from ...) bound as camel-jdbc binds them in each statement
            java.util.regex.Matcher m = NAMED.matcher(String.join("\nunion all\n", parts));
            StringBuilder sql = new StringBuilder();
            List<Object> values = new ArrayList<>();
            while (m.find()) {
                values.add(exchange.getMessage().getHeader(m.group(1)));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            try (Connection c = transaction.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                counts.clear();
                counts.put("", -1L); // counted: each check runs its own query
            }
        }
    }

    /** After each statement: adds the rows it changed, or for a select the rows it returned. */
    public void count(Exchange exchange, @ExchangeProperty(STEP) Tally tally) {
        var message = exchange.getMessage();
        Integer updated = message.getHeader("CamelJdbcUpdateCount", Integer.class);
        if (message.getBody() instanceof List<?> selected) {
            java.util.Optional<Long> affected = affectedRows(selected);
            tally.rows += affected.orElse((long) selected.size());
            if (affected.isEmpty()) {
                tally.queried = selected.size();
            }
        } else if (updated != null && updated > 0) {
            tally.rows += updated;
        }
    }

    /** Spark answers a DELETE or MERGE with one row of counts ({@code num_affected_rows}) instead of an update count. */
    private static java.util.Optional<Long> affectedRows(List<?> rows) {
        if (rows.size() == 1 && rows.get(0) instanceof java.util.Map<?, ?> row
                && row.get("num_affected_rows") instanceof Number n) {
            return java.util.Optional.of(n.longValue());
        }
        return java.util.Optional.empty();
    }

    public void end(@ExchangeProperty(STEP) Tally tally, @ExchangeProperty(EtlProgress.PROPERTY) EtlProgress progress) {
        SqlScript script = tally.script;
        long nanos = System.nanoTime() - tally.started;
        if (progress != null) {
            progress.sqlStep(stepName(script), tally.rows, nanos);
        }
        if (isCheck(script)) {
            // the verdict is the rows of the file's last query (statements before it may prepare it)
            if (tally.queried < 0) {
                throw new SqlFileException(script.relativePath(), "is a check without a query: a check ends with a "
                        + "select of its failing rows", null);
            }
            String severity = severity(script);
            String status = tally.queried == 0 ? "passed" : severity.equals("fail") ? "failed" : "warned";
            String check = checkName(script);
            if (progress != null) {
                progress.check(new CheckResult(check, severity, tally.queried, status));
            }
            if (status.equals("failed")) {
                throw new CheckFailedException(check, tally.queried);
            }
        }
    }

    public static String stepName(SqlScript script) {
        return "etl " + script.relativePath();
    }

    static String checkName(SqlScript script) {
        String file = script.relativePath().substring(script.relativePath().lastIndexOf('/') + 1);
        return file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
    }

    private static boolean isCheck(SqlScript script) {
        return script.relativePath().startsWith("90_checks/");
    }

    /**
     * The severity named in the file's header ({@code -- severity: warn}, in any case; {@code warning} and
     * {@code error} read as warn and fail); fail when absent; any other word is the file's mistake.
     */
    static String severity(SqlScript script) {
        Matcher m = SEVERITY.matcher(script.text());
        if (!m.find()) {
            return "fail";
        }
        String named = m.group(1).toLowerCase(Locale.ROOT);
        return switch (named) {
            case "fail", "error" -> "fail";
            case "warn", "warning" -> "warn";
            default -> throw new SqlFileException(script.relativePath(), "names severity '" + named
                    + "': a check's severity is fail or warn", null);
        };
    }
}
