package dev.retailpipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

import dev.retailpipeline.run.RunLedger;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.SqlFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the application starts, besides binding beans, in the order it happens: the settings that must
 * agree with each other are checked before anything is made ({@link #checkSettings}); once the beans are bound, the
 * warehouse's tables are made and the runs the last stop interrupted are recorded as failed ({@link #prepare}).
 */
final class StartUp {

    private static final Logger LOG = LoggerFactory.getLogger(StartUp.class);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private StartUp() {
    }

    /** Stops the start, naming the settings, when they cannot work together; returns the SQL models' folder. */
    static Path checkSettings(Settings settings) {
        int idleSeconds = settings.integer("http.idle-timeout-seconds", 30);
        long busyWaitMs = settings.whole("generator.busy-wait-ms", 10_000);
        // a request waiting in silence longer than the idle timeout would lose its connection before its 503
        if (idleSeconds > 0 && busyWaitMs >= idleSeconds * 1000L) {
            throw new IllegalStateException("generator.busy-wait-ms (" + busyWaitMs + ") must be shorter than "
                    + "http.idle-timeout-seconds (" + idleSeconds + " s): a waiting request's connection is closed "
                    + "before its answer");
        }
        String host = settings.text("camel.server.host", "127.0.0.1").strip();
        boolean tokenSet = !settings.text("api.token", "").isBlank();
        if (!LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) && !tokenSet) {
            if (!settings.flag("http.open-writes", false)) {
                throw new IllegalStateException("HTTP_HOST=" + host + " listens beyond this machine, and without "
                        + "API_WRITE_TOKEN anyone who reaches it can start runs: set API_WRITE_TOKEN, or "
                        + "HTTP_OPEN_WRITES=true to accept that");
            }
            LOG.warn("HTTP_HOST={} listens beyond this machine and POST /api/runs needs no token "
                    + "(HTTP_OPEN_WRITES=true): anyone who reaches the port can start runs", host);
        }
        return sqlFolder(settings.text("sql.dir", "sql"));
    }

    /**
     * The SQL models' folder: {@code sql.dir} (SQL_DIR). The default, {@code sql}, falls back to the jar's copy when
     * the working folder has none; a folder named on purpose that does not exist (a typo) stops the start, rather
     * than the jar's models running in place of the ones meant.
     */
    static Path sqlFolder(String configured) {
        String dir = configured == null || configured.isBlank() ? "sql" : configured.strip();
        Path path = Path.of(dir);
        if (!dir.equals("sql") && !Files.isDirectory(path)) {
            throw new IllegalStateException("SQL_DIR (sql.dir) is " + dir + ", which is not a folder: name the folder "
                    + "of the SQL models, or leave it unset to use the jar's");
        }
        return path;
    }

    /**
     * Makes the warehouse's tables (its schema stage, and the ledger's where the ledger lives) and records the runs
     * that were active when the process last stopped as failed. A DuckDB file that cannot be opened stops the start;
     * a database server that is away does not: the service starts, health answers 503 naming the warehouse, runs are
     * refused, and the tables and the repair are made once it answers.
     */
    static void prepare(WarehouseWiring.Beans beans, Clock clock) throws SQLException {
        var warehouse = beans.warehouse();
        boolean ledgerHere = beans.ledgerInWarehouse();
        warehouse.setUp(c -> {
            SqlFolder folder = new SqlFolder(beans.models(), warehouse.dialect());
            folder.runSchema(c);
            if (ledgerHere) {
                folder.runLedger(c);
            }
        });
        try (Connection c = warehouse.connect()) {
            LOG.debug("Warehouse tables ready");
        } catch (SQLException e) {
            if (warehouse.dialect() == Dialect.DUCKDB) {
                throw e;
            }
            LOG.warn("The warehouse does not answer yet; its tables are made once it does: {}",
                    e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
        }
        RunLedger ledger = beans.ledger();
        if (!ledgerHere) {
            try (Connection c = ledger.database().connect()) {
                new SqlFolder(beans.models(), ledger.database().dialect()).runLedger(c);
            }
        }
        RunLedger.Write repair = () -> {
            int interrupted = ledger.failInterrupted(clock.instant(), beans.watermark());
            if (interrupted > 0) {
                LOG.warn("{} run(s) were active when the process last stopped; recorded as failed", interrupted);
            }
        };
        try {
            repair.run();
        } catch (SQLException e) {
            if (ledger.database().dialect() == Dialect.DUCKDB) {
                throw e;
            }
            ledger.keep(repair);
        }
    }
}
