package dev.retailpipeline.etl;

import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.SqlScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the SQL ETL stages (10_staging, 20_dimensions, 30_facts, 90_checks) the way the Camel route will: every
 * statement of every file in path order, camel-jdbc named parameters ({@code :?batch_from}, {@code :?batch_to},
 * {@code :?run_id}) bound from the run's values, all on one connection in ONE transaction (auto-commit off,
 * commit at the end, rollback on failure). A check file is one select returning failing rows; its result goes
 * to etl_check_results in the same transaction.
 */
final class EtlRunner {
    static final List<String> STAGES = List.of("10_staging", "20_dimensions", "30_facts", "90_checks");
    private static final Pattern PARAMETER = Pattern.compile(":\\?(\\w+)");
    private static final Pattern SEVERITY = Pattern.compile("(?m)^--\\s*severity:\\s*(\\w+)");
    static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    record Check(String name, String severity, long failingRows) {
        boolean failed() {
            return failingRows > 0;
        }
    }

    record Result(List<String> stepsRun, List<Check> checks, Map<String, Double> stepMillis) {
        List<Check> failedChecks() {
            return checks.stream().filter(Check::failed).toList();
        }
    }

    /** Thrown when a step fails; the transaction has been rolled back. */
    static final class StepFailed extends SQLException {
        final String step;
        final List<String> stepsRun;

        StepFailed(String step, List<String> stepsRun, SQLException cause) {
            super("step " + step + " failed: " + cause.getMessage(), cause.getSQLState(), cause);
            this.step = step;
            this.stepsRun = List.copyOf(stepsRun);
        }
    }

    private EtlRunner() {
    }

    static String hourText(long epochHour) {
        return LocalDateTime.ofEpochSecond(epochHour * 3600, 0, ZoneOffset.UTC).format(TEXT);
    }

    /** Runs the ETL for the hours [fromHour, toHourExclusive) (epoch hours). */
    static Result run(Connection c, SqlFolder sql, long fromHour, long toHourExclusive, String runId)
            throws SQLException {
        Map<String, String> params = Map.of("batch_from", hourText(fromHour), "batch_to", hourText(toHourExclusive),
                "run_id", runId);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        List<String> steps = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        Map<String, Double> millis = new java.util.LinkedHashMap<>();
        try {
            for (String stage : STAGES) {
                for (SqlScript script : sql.stage(stage)) {
                    String step = script.relativePath();
                    steps.add(step);
                    long t0 = System.nanoTime();
                    try {
                        if (stage.equals("90_checks")) {
                            checks.add(check(c, script, params));
                        } else {
                            for (String statement : script.statements()) {
                                execute(c, statement, params);
                            }
                        }
                    } catch (SQLException e) {
                        throw new StepFailed(step, steps, e);
                    }
                    millis.put(step, (System.nanoTime() - t0) / 1e6);
                }
            }
            for (Check check : checks) {
                try (PreparedStatement ps = c.prepareStatement("insert into etl_check_results (run_id, check_name, "
                        + "severity, failing_rows, status, checked_at) values (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, runId);
                    ps.setString(2, check.name());
                    ps.setString(3, check.severity());
                    ps.setLong(4, check.failingRows());
                    ps.setString(5, check.failed() ? check.severity() : "pass");
                    ps.setTimestamp(6, Timestamp.valueOf(LocalDateTime.now()));
                    ps.executeUpdate();
                }
            }
            c.commit();
            return new Result(steps, checks, millis);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static Check check(Connection c, SqlScript script, Map<String, String> params) throws SQLException {
        Matcher m = SEVERITY.matcher(script.text());
        String severity = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "fail";
        List<String> statements = script.statements();
        if (statements.size() != 1) {
            throw new SQLException(script.relativePath() + ": a check holds exactly one select");
        }
        String name = script.relativePath().replaceFirst("^.*/", "").replaceFirst("\\.sql$", "");
        long rows = 0;
        try (PreparedStatement ps = prepare(c, statements.get(0), params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        return new Check(name, severity, rows);
    }

    private static void execute(Connection c, String statement, Map<String, String> params) throws SQLException {
        try (PreparedStatement ps = prepare(c, statement, params)) {
            ps.execute();
        }
    }

    /** camel-jdbc's named parameters: each {@code :?name} becomes {@code ?}, bound to the value of name. */
    static PreparedStatement prepare(Connection c, String statement, Map<String, String> params)
            throws SQLException {
        Matcher m = PARAMETER.matcher(statement);
        List<String> names = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        PreparedStatement ps = c.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < names.size(); i++) {
                String value = params.get(names.get(i));
                if (value == null) {
                    throw new SQLException("no value for parameter :?" + names.get(i));
                }
                ps.setString(i + 1, value);
            }
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
