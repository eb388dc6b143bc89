package dev.retailpipeline.etl;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retailpipeline.ingest.IngestRun;
import dev.retailpipeline.ingest.RunTriggers;
import dev.retailpipeline.warehouse.RunLedger;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.SqlScript;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.Exchange;

/**
 * The steps of routes/etl.camel.yaml that need Java: which SQL files run (read from the sql folder at run time,
 * so an edit takes effect on the next run), the run's parameters, the step ledger, the checks' verdicts, and
 * the one transaction of the run's ETL. The statements themselves go through camel-jdbc.
 */
public final class EtlSteps {

    /** The stages of the chain, in order; 00_raw runs at start-up. */
    public static final List<String> STAGES = List.of("10_staging", "20_dimensions", "30_facts", "90_checks");
    static final String PLAN = "etlPlan";
    static final String SCRIPT = "etlScript";
    static final String STEP_ROWS = "etlStepRows";
    static final String STEP_STARTED = "etlStepStarted";
    private static final Pattern SEVERITY = Pattern.compile("(?m)^--\\s*severity:\\s*(fail|warn)\\s*$");

    private final Warehouse warehouse;
    private final EtlTransaction transaction;
    private final Path sqlDir;

    public EtlSteps(Warehouse warehouse, EtlTransaction transaction, Path sqlDir) {
        this.warehouse = warehouse;
        this.transaction = transaction;
        this.sqlDir = sqlDir;
    }

    /** A check's outcome in a run. */
    public record CheckResult(String check, String severity, long failingRows, String status) {
    }

    /**
     * The SQL files of a run and a cursor over them and their statements, kept in an exchange property; the
     * route's loops walk it on the one exchange, so a failing statement fails the run like any other step.
     */
    public static final class Plan {
        private final List<SqlScript> scripts;
        private int script = -1;
        private List<String> statements = List.of();
        private int statement;

        Plan(List<SqlScript> scripts) {
            this.scripts = scripts;
        }

        public boolean hasNextScript() {
            return script + 1 < scripts.size();
        }

        SqlScript nextScript() {
            SqlScript s = scripts.get(++script);
            statements = s.statements();
            statement = 0;
            return s;
        }

        public boolean hasNextStatement() {
            return statement < statements.size();
        }

        String nextStatement() {
            return statements.get(statement++);
        }
    }

    /**
     * Opens the run's ETL transaction and plans the SQL files to run, in path order (property {@value #PLAN});
     * sets the run's parameters (batch_from, batch_to, run_id) as headers for camel-jdbc. No hours loaded: no
     * files.
     */
    public void plan(Exchange exchange) throws SQLException {
        exchange.setProperty(PLAN, new Plan(scripts(exchange)));
    }

    private List<SqlScript> scripts(Exchange exchange) throws SQLException {
        IngestRun run = run(exchange);
        var message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("CamelRedelivery"));
        if (run.hoursDone() == 0) {
            return List.of();
        }
        List<Long> hours = run.hours().subList(0, run.hoursDone());
        long from = hours.stream().mapToLong(Long::longValue).min().orElseThrow();
        long to = hours.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        message.setHeader("batch_from", hourText(from));
        message.setHeader("batch_to", hourText(to));
        message.setHeader("run_id", run.runId());
        SqlFolder folder = new SqlFolder(sqlDir, warehouse.dialect());
        List<SqlScript> scripts = new ArrayList<>();
        for (String stage : STAGES) {
            scripts.addAll(folder.stage(stage));
        }
        run.clearEtl();
        transaction.begin(warehouse.connect());
        return scripts;
    }

    static String hourText(long epochHour) {
        return RunLedger.hourTs(epochHour).substring(0, 19);
    }

    /** Starts the next file's step. */
    public void startStep(Exchange exchange) {
        SqlScript script = exchange.getProperty(PLAN, Plan.class).nextScript();
        run(exchange).step(stepName(script));
        exchange.setProperty(SCRIPT, script);
        exchange.setProperty(STEP_ROWS, new long[] {0});
        exchange.setProperty(STEP_STARTED, System.nanoTime());
    }

    /** The next statement of the file, as the body camel-jdbc runs. */
    public String nextStatement(Exchange exchange) {
        exchange.getMessage().getHeaders().keySet().removeIf(name -> name.startsWith("CamelJdbc"));
        return exchange.getProperty(PLAN, Plan.class).nextStatement();
    }

    /** After each statement: adds the rows it changed, or for a select the rows it returned. */
    public void afterStatement(Exchange exchange) {
        var message = exchange.getMessage();
        Integer updated = message.getHeader("CamelJdbcUpdateCount", Integer.class);
        long rows;
        if (message.getBody() instanceof List<?> selected) {
            rows = selected.size();
        } else {
            rows = updated != null && updated > 0 ? updated : 0;
        }
        exchange.getProperty(STEP_ROWS, long[].class)[0] += rows;
    }

    /** Ends one file's step: records it; a check's failing rows fail the run or warn, by its severity. */
    public void endStep(Exchange exchange) {
        IngestRun run = run(exchange);
        SqlScript script = exchange.getProperty(SCRIPT, SqlScript.class);
        long rows = exchange.getProperty(STEP_ROWS, long[].class)[0];
        long millis = (System.nanoTime() - exchange.getProperty(STEP_STARTED, Long.class)) / 1_000_000;
        String name = stepName(script);
        run.recordStep(name, rows, millis);
        if (script.relativePath().startsWith("90_checks/")) {
            String severity = severity(script);
            String status = rows == 0 ? "passed" : severity.equals("fail") ? "failed" : "warned";
            String check = checkName(script);
            run.recordCheck(new CheckResult(check, severity, rows, status));
            if (status.equals("failed")) {
                throw new CheckFailedException(check, rows);
            }
        }
    }

    public void commit(Exchange exchange) throws SQLException {
        run(exchange).step("etl commit");
        transaction.commit();
    }

    /** Always runs after the chain: rolls back what was not committed, closes the connection. */
    public void release(Exchange exchange) throws SQLException {
        transaction.end();
    }

    static String stepName(SqlScript script) {
        return "etl " + script.relativePath();
    }

    static String checkName(SqlScript script) {
        String file = script.relativePath().substring(script.relativePath().lastIndexOf('/') + 1);
        return file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
    }

    /** The severity named in the file's header ({@code -- severity: fail|warn}); fail when absent. */
    static String severity(SqlScript script) {
        Matcher m = SEVERITY.matcher(script.text());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "fail";
    }

    private static IngestRun run(Exchange exchange) {
        IngestRun run = exchange.getProperty(RunTriggers.RUN, IngestRun.class);
        if (run == null) {
            throw new IllegalStateException("no run on this exchange");
        }
        return run;
    }
}
