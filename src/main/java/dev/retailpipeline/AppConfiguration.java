package dev.retailpipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import dev.retailpipeline.dashboard.AnalyticsCache;
import dev.retailpipeline.dashboard.AnalyticsQueries;
import dev.retailpipeline.dashboard.DashboardConfig;
import dev.retailpipeline.dashboard.StaticFiles;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.generator.api.GeneratorApi;
import dev.retailpipeline.generator.api.GeneratorDefaults;
import dev.retailpipeline.generator.api.HourBuilds;
import dev.retailpipeline.etl.SqlPlan;
import dev.retailpipeline.etl.SqlSteps;
import dev.retailpipeline.ingest.BulkFormat;
import dev.retailpipeline.ingest.CsvBulkFormat;
import dev.retailpipeline.ingest.DatabricksRawLoader;
import dev.retailpipeline.ingest.DuckDbRawLoader;
import dev.retailpipeline.ingest.NdjsonBulkFormat;
import dev.retailpipeline.ingest.PostgresRawLoader;
import dev.retailpipeline.ingest.SparkRawLoader;
import dev.retailpipeline.ingest.RawLoader;
import dev.retailpipeline.ingest.TableSplitter;
import dev.retailpipeline.run.ChunkSteps;
import dev.retailpipeline.run.Failures;
import dev.retailpipeline.run.RunCoordinator;
import dev.retailpipeline.run.RunLedger;
import dev.retailpipeline.run.RunOutcome;
import dev.retailpipeline.run.RunPlanner;
import dev.retailpipeline.run.RunTriggers;
import dev.retailpipeline.run.ShopSource;
import dev.retailpipeline.run.Watermark;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.SharedTransaction;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.ErrorResponses;
import dev.retailpipeline.web.Health;
import dev.retailpipeline.web.AllowedHosts;
import dev.retailpipeline.web.HttpServerSetup;
import dev.retailpipeline.web.Metrics;
import dev.retailpipeline.web.WriteGuard;
import dev.retailpipeline.web.WriteToken;
import io.vertx.core.Vertx;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the beans the YAML routes call by name; every value comes from application.properties. */
@Configuration
public class AppConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AppConfiguration.class);

    @BindToRegistry("clock")
    public Clock clock() {
        return Clock.systemUTC();
    }

    @BindToRegistry("retailGenerator")
    public RetailGenerator retailGenerator(@PropertyInject("generator.start") String start) {
        return new RetailGenerator(new GeneratorConfig(ShopHours.parse(start)));
    }

    @BindToRegistry("rangeRules")
    public RangeRules rangeRules(@PropertyInject("generator.start") String start,
                                 @PropertyInject("range.max-hours") int maxHours,
                                 @BeanInject("clock") Clock clock) {
        return new RangeRules(ShopHours.parse(start), maxHours, clock);
    }

    @BindToRegistry("generatorDefaults")
    public GeneratorDefaults generatorDefaults(@PropertyInject("generator.seed") long seed,
                                               @PropertyInject("generator.scale") double scale,
                                               @PropertyInject("generator.dirty") double dirty,
                                               @PropertyInject("generator.start") String start,
                                               @PropertyInject("generator.max-scale") double maxScale) {
        return new GeneratorDefaults(seed, scale, dirty, ShopHours.parse(start), maxScale);
    }

    /** How many hours the generator API builds at once, and how long a request waits for a place. */
    @BindToRegistry("hourBuilds")
    public HourBuilds hourBuilds(@PropertyInject(value = "generator.max-concurrent-hours", defaultValue = "2") int max,
                                 @PropertyInject(value = "generator.busy-wait-ms", defaultValue = "10000") long waitMs,
                                 @PropertyInject(value = "http.idle-timeout-seconds", defaultValue = "30") int idleSeconds) {
        // a request waiting in silence longer than the idle timeout would lose its connection before its 503
        if (idleSeconds > 0 && waitMs >= idleSeconds * 1000L) {
            throw new IllegalStateException("generator.busy-wait-ms (" + waitMs + ") must be shorter than "
                    + "http.idle-timeout-seconds (" + idleSeconds + " s): a waiting request's connection is closed "
                    + "before its answer");
        }
        return new HourBuilds(max, waitMs);
    }

    @BindToRegistry("generatorApi")
    public GeneratorApi generatorApi(@BeanInject("retailGenerator") RetailGenerator generator,
                                     @BeanInject("generatorDefaults") GeneratorDefaults defaults,
                                     @BeanInject("clock") Clock clock,
                                     @BeanInject("rangeRules") RangeRules rules,
                                     @BeanInject("hourBuilds") HourBuilds builds) {
        return new GeneratorApi(generator, defaults, clock, rules, maxResponseBytes, builds);
    }

    @BindToRegistry(value = "warehouse", destroyMethod = "close")
    public Warehouse warehouse(@PropertyInject("warehouse.url") String url,
                               @PropertyInject(value = "warehouse.user", defaultValue = "") String user,
                               @PropertyInject(value = "warehouse.password", defaultValue = "") String password,
                               @PropertyInject(value = "warehouse.duckdb.memory-limit", defaultValue = "") String memoryLimit,
                               @PropertyInject(value = "warehouse.duckdb.threads", defaultValue = "0") int threads,
                               @PropertyInject(value = "warehouse.duckdb.checkpoint-threshold", defaultValue = "") String checkpoint,
                               @PropertyInject("sql.dir") String sqlDir) throws SQLException {
        String secret = password.isBlank() && databricksToken != null ? databricksToken : password;
        Warehouse warehouse = new Warehouse(url, user, secret).duckDbLimits(memoryLimit, threads, checkpoint)
                .duckDbAllocatorFlush(allocatorFlush)
                .duckDbInsertionOrder(preserveInsertionOrder)
                .localStagingDir(java.nio.file.Path.of(stagingDir == null ? "data/staging" : stagingDir).toAbsolutePath()
                        .toString());
        LOG.info("Warehouse: {}", warehouse);
        Path models = sqlFolder(sqlDir);
        boolean ledgerHere = (ledgerUrl == null || ledgerUrl.isBlank()) && warehouse.dialect() != Dialect.SPARK;
        warehouse.setUp(c -> {
            SqlFolder folder = new SqlFolder(models, warehouse.dialect());
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
            // a database server may be away or starting: the service starts, health says 503 naming the warehouse, runs
            // are refused, and the tables are made at the first connection that reaches it
            LOG.warn("The warehouse does not answer yet; its tables are made once it does: {}",
                    e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
        }
        return warehouse;
    }

    /** The one transaction a chunk's steps share: raw loads, ETL statements (camel-jdbc) and the watermark. */
    @BindToRegistry("chunkTransaction")
    public SharedTransaction chunkTransaction(@BeanInject("warehouse") Warehouse warehouse) {
        if (warehouse.dialect().hasTransactions()) {
            return new SharedTransaction(true);
        }
        // without transactions, a chunk that does not commit restores every table of the schema (Delta time travel)
        return new SharedTransaction(false, new SqlFolder(sqlFolder(sqlDir), warehouse.dialect()).schemaTables());
    }

    @PropertyInject(value = "generator.max-response-bytes", defaultValue = "16777216")
    int maxResponseBytes;
    @PropertyInject(value = "camel.server.host", defaultValue = "127.0.0.1")
    String serverHost;
    @PropertyInject(value = "http.open-writes", defaultValue = "false")
    boolean openWritesOnNetwork;

    /** Databricks' personal access token, when WAREHOUSE_PASSWORD is not set (only from the environment). */
    @PropertyInject(value = "warehouse.databricks-token", defaultValue = "")
    String databricksToken;
    @PropertyInject(value = "ingest.staging-dir", defaultValue = "data/staging")
    String stagingDir;
    @PropertyInject(value = "warehouse.duckdb.allocator-flush-threshold", defaultValue = "")
    String allocatorFlush;
    @PropertyInject(value = "warehouse.duckdb.preserve-insertion-order", defaultValue = "true")
    boolean preserveInsertionOrder;

    // read here rather than as parameters of runLedger: Camel orders the bean methods by their parameter count
    @PropertyInject(value = "ledger.url", defaultValue = "")
    String ledgerUrl;
    @PropertyInject(value = "sql.dir", defaultValue = "sql")
    String sqlDir;

    /**
     * The run ledger: in the warehouse, except on Spark, where each write is a statement of 0.2 s or more and the
     * ledger is written at every chunk and read by every page: there it is a local DuckDB file
     * ({@code ledger.url}, default {@code jdbc:duckdb:data/ledger.duckdb}).
     */
    @BindToRegistry("runLedger")
    public RunLedger runLedger(@BeanInject("warehouse") Warehouse warehouse,
                               @BeanInject("clock") Clock clock) throws SQLException {
        Warehouse ledgerDb = warehouse;
        boolean own = ledgerUrl != null && !ledgerUrl.isBlank();
        if (own || warehouse.dialect() == Dialect.SPARK) {
            ledgerDb = Warehouse.of(own ? ledgerUrl : "jdbc:duckdb:data/ledger.duckdb");
            LOG.info("Run ledger: {}", ledgerDb);
            SqlFolder folder = new SqlFolder(sqlFolder(sqlDir), ledgerDb.dialect());
            try (Connection c = ledgerDb.connect()) {
                folder.runLedger(c);
            }
        }
        RunLedger ledger = new RunLedger(ledgerDb);
        RunLedger.Write repair = () -> {
            int interrupted = ledger.failInterrupted(clock.instant(), new Watermark(warehouse));
            if (interrupted > 0) {
                LOG.warn("{} run(s) were active when the process last stopped; recorded as failed", interrupted);
            }
        };
        try {
            repair.run();
        } catch (SQLException e) {
            if (ledgerDb.dialect() == Dialect.DUCKDB) {
                throw e;
            }
            // the ledger is in a database server that is away (see warehouse()): repaired once it answers
            ledger.keep(repair);
        }
        return ledger;
    }

    @BindToRegistry("runCoordinator")
    public RunCoordinator runCoordinator() {
        return new RunCoordinator();
    }

    @BindToRegistry("watermark")
    public Watermark watermark(@BeanInject("warehouse") Warehouse warehouse) {
        return new Watermark(warehouse);
    }

    /** The shop the runs load: what the fetch asks the source for. */
    @BindToRegistry("shopSource")
    public ShopSource shopSource(@PropertyInject("ingest.seed") long seed,
                                 @PropertyInject("ingest.scale") double scale,
                                 @PropertyInject("ingest.dirty") double dirty,
                                 @PropertyInject("generator.start") String start) {
        return ShopSource.of(seed, scale, dirty, ShopHours.parse(start));
    }

    @BindToRegistry("runTriggers")
    public RunTriggers runTriggers(@BeanInject("runLedger") RunLedger ledger,
                                   @BeanInject("runCoordinator") RunCoordinator coordinator,
                                   @BeanInject("watermark") Watermark watermark,
                                   @BeanInject("warehouse") Warehouse warehouse,
                                   @BeanInject("shopSource") ShopSource source,
                                   @BeanInject("rangeRules") RangeRules rules,
                                   @BeanInject("clock") Clock clock,
                                   @PropertyInject("ingest.initial-backfill-days") int backfillDays,
                                   @PropertyInject("ingest.max-catch-up-hours") int maxCatchUpHours,
                                   @PropertyInject("ingest.chunk-hours") int chunkHours) {
        RunPlanner planner = new RunPlanner(rules, backfillDays, maxCatchUpHours, chunkHours);
        return new RunTriggers(planner, coordinator, ledger, watermark, warehouse, source, clock);
    }

    @BindToRegistry("chunks")
    public ChunkSteps chunks(@BeanInject("warehouse") Warehouse warehouse,
                             @BeanInject("chunkTransaction") SharedTransaction transaction,
                             @BeanInject("watermark") Watermark watermark,
                             @BeanInject("runLedger") RunLedger ledger,
                             @BeanInject("shopSource") ShopSource source,
                             @BeanInject("clock") Clock clock,
                             @PropertyInject(value = "ingest.source-url", defaultValue = "") String sourceUrl) {
        return new ChunkSteps(warehouse, transaction, watermark, ledger, source, sourceUrl, clock);
    }

    @BindToRegistry("runOutcome")
    public RunOutcome runOutcome(@BeanInject("runLedger") RunLedger ledger,
                                 @BeanInject("runCoordinator") RunCoordinator coordinator,
                                 @BeanInject("clock") Clock clock) {
        return new RunOutcome(ledger, coordinator, clock);
    }

    @BindToRegistry("failures")
    public Failures failures() {
        return new Failures();
    }

    @BindToRegistry("tableSplitter")
    public TableSplitter tableSplitter(@PropertyInject("ingest.split-bytes") int splitBytes) {
        return new TableSplitter(splitBytes);
    }

    /** The warehouse's bulk format, used from YAML as {@code marshal: custom: bulkFormat}. */
    @BindToRegistry("bulkFormat")
    public BulkFormat bulkFormat(@BeanInject("warehouse") Warehouse warehouse) {
        return switch (warehouse.dialect()) {
            case POSTGRES -> new CsvBulkFormat();
            case DUCKDB, SPARK -> new NdjsonBulkFormat();
        };
    }

    @BindToRegistry("rawLoader")
    public RawLoader rawLoader(@BeanInject("warehouse") Warehouse warehouse,
                               @BeanInject("chunkTransaction") SharedTransaction transaction,
                               @PropertyInject("ingest.staging-dir") String stagingDir,
                               @PropertyInject("warehouse.stage-dir") String engineStageDir) {
        return switch (warehouse.dialect()) {
            case DUCKDB -> new DuckDbRawLoader(transaction, Path.of(stagingDir));
            case POSTGRES -> new PostgresRawLoader(transaction);
            case SPARK -> warehouse.isDatabricks()
                    ? new DatabricksRawLoader(transaction, Path.of(stagingDir), engineStageDir)
                    : new SparkRawLoader(transaction, Path.of(engineStageDir));
        };
    }

    @BindToRegistry("sqlPlan")
    public SqlPlan sqlPlan(@BeanInject("warehouse") Warehouse warehouse, @PropertyInject("sql.dir") String sqlDir) {
        return new SqlPlan(sqlFolder(sqlDir), warehouse.dialect());
    }

    @BindToRegistry("sqlSteps")
    public SqlSteps sqlSteps(@BeanInject("chunkTransaction") SharedTransaction transaction,
                             @BeanInject("warehouse") Warehouse warehouse) {
        // where a statement costs (Spark), the chunk's checks are counted in one; in a transaction, a failing
        // statement would abort the rest, so each check runs its own query and a broken one names its file
        return new SqlSteps(warehouse.dialect().hasTransactions() ? null : transaction);
    }

    @BindToRegistry("health")
    public Health health(@BeanInject("warehouse") Warehouse warehouse,
                         @BeanInject("runCoordinator") RunCoordinator coordinator,
                         @BeanInject("runLedger") RunLedger ledger) {
        return new Health(warehouse, coordinator, ledger);
    }

    @BindToRegistry("metrics")
    public Metrics metrics(@BeanInject("warehouse") Warehouse warehouse,
                           @BeanInject("runLedger") RunLedger ledger,
                           @BeanInject("runCoordinator") RunCoordinator coordinator,
                           @BeanInject("clock") Clock clock) {
        return new Metrics(warehouse, ledger.database(), coordinator, clock);
    }

    /**
     * Live reloading of the external routes folder ({@code routes.dir}), keeping a file's previous routes when its
     * new version does not load (see RouteReload); a service of the context, started and stopped with it.
     */
    @BindToRegistry("routeReload")
    public RouteReload routeReload(CamelContext context,
                                   @PropertyInject(value = "routes.reload-enabled", defaultValue = "true") boolean enabled,
                                   @PropertyInject(value = "routes.dir", defaultValue = "routes") String dir,
                                   @PropertyInject(value = "routes.reload-pattern", defaultValue = "*.camel.yaml")
                                   String pattern) throws Exception {
        RouteReload reload = new RouteReload(dir, pattern);
        if (enabled) {
            context.addService(reload, true, true);
        }
        return reload;
    }

    /**
     * The Vert.x instance the HTTP server runs on (Camel's server looks it up here), with what Camel has no option
     * for: the idle timeout, and the server's own answers as JSON (see HttpServerSetup). It is closed with the context.
     */
    @BindToRegistry("vertx")
    public Vertx vertx(CamelContext context,
                       @PropertyInject(value = "http.idle-timeout-seconds", defaultValue = "30") int idleSeconds,
                       @BeanInject("allowedHosts") AllowedHosts hosts) {
        HttpServerSetup setup = new HttpServerSetup(context, idleSeconds, hosts);
        context.getRegistry().bind("httpServerSetup", setup);
        return setup.vertx();
    }

    @BindToRegistry("errorResponses")
    public ErrorResponses errorResponses() {
        return new ErrorResponses();
    }

    @BindToRegistry("analyticsQueries")
    public AnalyticsQueries analyticsQueries(@BeanInject("warehouse") Warehouse warehouse,
                                             @BeanInject("clock") Clock clock,
                                             @PropertyInject("dashboard.default-days") int defaultDays,
                                             @PropertyInject("dashboard.cache-seconds") int cacheSeconds,
                                             @PropertyInject("dashboard.cache-entries") int cacheEntries) {
        return new AnalyticsQueries(warehouse, clock, defaultDays, new AnalyticsCache(cacheSeconds, cacheEntries));
    }

    /** The host names requests may be addressed to (against DNS rebinding): every request on loopback, writes always. */
    @BindToRegistry("allowedHosts")
    public AllowedHosts allowedHosts(@PropertyInject(value = "camel.server.host", defaultValue = "127.0.0.1") String host,
                                     @PropertyInject(value = "http.allowed-hosts", defaultValue = "") String names) {
        return new AllowedHosts(host, List.of(names.split(",")));
    }

    @BindToRegistry("writeGuard")
    public WriteGuard writeGuard(@BeanInject("allowedHosts") AllowedHosts hosts) {
        return new WriteGuard(hosts);
    }

    @BindToRegistry("writeToken")
    public WriteToken writeToken(@PropertyInject(value = "api.token", defaultValue = "") String token) {
        WriteToken writeToken = new WriteToken(token);
        boolean loopback = serverHost == null || Set.of("127.0.0.1", "localhost", "::1", "[::1]")
                .contains(serverHost.strip().toLowerCase(java.util.Locale.ROOT));
        if (!loopback && !writeToken.required()) {
            if (!openWritesOnNetwork) {
                throw new IllegalStateException("HTTP_HOST=" + serverHost + " listens beyond this machine, and without "
                        + "API_WRITE_TOKEN anyone who reaches it can start runs: set API_WRITE_TOKEN, or "
                        + "HTTP_OPEN_WRITES=true to accept that");
            }
            LOG.warn("HTTP_HOST={} listens beyond this machine and POST /api/runs needs no token "
                    + "(HTTP_OPEN_WRITES=true): anyone who reaches the port can start runs", serverHost);
        }
        return writeToken;
    }

    @BindToRegistry("dashboardConfig")
    public DashboardConfig dashboardConfig(@PropertyInject(value = "dashboard.external-url", defaultValue = "") String externalUrl,
                                           @PropertyInject(value = "dashboard.external-title", defaultValue = "") String externalTitle,
                                           @BeanInject("writeToken") WriteToken writeToken) {
        return new DashboardConfig(externalUrl, externalTitle, writeToken.required());
    }

    @BindToRegistry("staticFiles")
    public StaticFiles staticFiles() {
        return new StaticFiles();
    }

    /**
     * The SQL models' folder: {@code sql.dir} (SQL_DIR). The default, {@code sql}, falls back to the jar's copy when
     * the working folder has none; a folder named on purpose that does not exist (a typo) stops the start, rather
     * than the jar's models running in place of the ones meant.
     */
    static Path sqlFolder(String configured) {
        String dir = configured == null || configured.isBlank() ? "sql" : configured.strip();
        Path path = Path.of(dir);
        if (!dir.equals("sql") && !java.nio.file.Files.isDirectory(path)) {
            throw new IllegalStateException("SQL_DIR (sql.dir) is " + dir + ", which is not a folder: name the folder "
                    + "of the SQL models, or leave it unset to use the jar's");
        }
        return path;
    }
}
