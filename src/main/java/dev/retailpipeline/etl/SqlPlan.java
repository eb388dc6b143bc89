package dev.retailpipeline.etl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.SqlScript;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The plan step of the ETL: the SQL files to run over a chunk, in path order through the numbered stage folders
 * (10_staging, 20_dimensions, 30_facts, 90_checks, and any a user adds; the folders below 10 run when the warehouse is opened), read from the
 * sql folder at run time (an edit takes effect on the next chunk), and the chunk's parameters as the headers
 * camel-jdbc binds to {@code :?batch_from}, {@code :?batch_to} and {@code :?run_id}.
 */
public final class SqlPlan {

    /** The exchange property holding the hours the ETL builds ({@link HourRange}). */
    public static final String HOURS = "chunkHours";
    /** The exchange property holding the chunk's plan: the files of the chain, in order. */
    public static final String SCRIPTS = "sqlPlanScripts";
    /** The exchange property holding the run id. */
    public static final String RUN_ID = "runId";

    private final Path sqlDir;
    private final Dialect dialect;

    public SqlPlan(Path sqlDir, Dialect dialect) {
        this.sqlDir = sqlDir;
        this.dialect = dialect;
    }

    /** The files of the chain; sets the statement parameters as headers (and drops every other header). */
    public List<SqlScript> plan(Exchange exchange, @ExchangeProperty(HOURS) HourRange hours,
                                @ExchangeProperty(RUN_ID) String runId) {
        var message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("CamelRedelivery"));
        message.setHeader("batch_from", HourRange.sqlTimestamp(hours.from()));
        message.setHeader("batch_to", HourRange.sqlTimestamp(hours.to()));
        message.setHeader("run_id", runId);
        List<SqlScript> files = files();
        exchange.setProperty(SCRIPTS, files);
        // filled by the first check (SqlSteps); one map the split's copies of the exchange share
        exchange.setProperty(SqlSteps.CHECK_COUNTS, new java.util.concurrent.ConcurrentHashMap<String, Long>());
        return files;
    }

    /** The files of the chain, in order. */
    public List<SqlScript> files() {
        SqlFolder folder = new SqlFolder(sqlDir, dialect);
        List<SqlScript> scripts = new ArrayList<>();
        for (String stage : folder.chainStages()) {
            scripts.addAll(folder.stage(stage));
        }
        return scripts;
    }
}
