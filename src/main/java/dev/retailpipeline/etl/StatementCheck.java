package dev.retailpipeline.etl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import dev.retailpipeline.warehouse.SqlScript;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;

/**
 * On a database without multi-statement transactions (Delta tables on Spark) a chunk cannot be rolled back, so
 * before the first statement of the chain changes a table, every statement is compiled by the database
 * ({@code explain}, with the chunk's parameters bound): a broken file fails the run at its own step and no table gets
 * a new version. A statement over a table the chain has not created yet (a first run) is compiled when it runs.
 * Nothing is done on a database with transactions, where a failing statement rolls the whole chunk back.
 */
public final class StatementCheck {

    private static final Pattern NAMED = Pattern.compile(":\\?(\\w+)");

    private final DataSource transaction;
    private final boolean transactional;

    public StatementCheck(DataSource transaction, boolean transactional) {
        this.transaction = transaction;
        this.transactional = transactional;
    }

    /** Compiles every statement of the plan; throws at the first that does not, with its file as the run's step. */
    public void check(@Body List<SqlScript> scripts, @Headers Map<String, Object> parameters,
                      @ExchangeProperty(EtlProgress.PROPERTY) EtlProgress progress) throws SQLException {
        if (transactional) {
            return;
        }
        try (Connection c = transaction.getConnection()) {
            for (SqlScript script : scripts) {
                if (progress != null) {
                    progress.step(SqlSteps.stepName(script));
                }
                List<String> statements = script.statements();
                for (int i = 0; i < statements.size(); i++) {
                    compile(c, script, i + 1, statements.get(i), parameters);
                }
            }
        }
    }

    private static void compile(Connection c, SqlScript script, int number, String statement,
                                Map<String, Object> parameters) throws SQLException {
        List<Object> values = new ArrayList<>();
        Matcher m = NAMED.matcher(statement);
        StringBuilder sql = new StringBuilder("explain ");
        while (m.find()) {
            values.add(parameters.get(m.group(1)));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            // Spark answers a statement that parses but does not resolve with a plan holding the analysis error
            // ("== Physical Plan ==", then "org.apache.spark.sql.AnalysisException: ..."), not with an error
            String plan = "";
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    plan = rs.next() ? String.valueOf(rs.getString(1)) : "";
                }
            }
            String error = plan.lines().filter(l -> l.contains("AnalysisException")
                    || l.startsWith("Error occurred during query planning")).findFirst().orElse(null);
            if (error != null) {
                refuse(script, number, error.replaceFirst("^org\\.apache\\.spark\\.sql\\.AnalysisException: ", ""), null);
            }
        } catch (SQLException e) {
            refuse(script, number, String.valueOf(e.getMessage()), e);
        }
    }

    private static void refuse(SqlScript script, int number, String message, SQLException cause) throws SQLException {
        if (message.toUpperCase(Locale.ROOT).contains("TABLE_OR_VIEW_NOT_FOUND")) {
            return;
        }
        throw new SQLException("statement " + number + " of " + script.relativePath()
                + " does not compile, so the chain did not start: " + message, "42000", cause);
    }
}
