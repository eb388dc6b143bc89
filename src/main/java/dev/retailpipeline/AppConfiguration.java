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
import dev.retailpipeline.generator.api.GeneratorApi;
import dev.retailpipeline.generator.api.GeneratorDefaults;
import dev.retailpipeline.generator.api.HourBuildLimit;
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
import dev.retailpipeline.run.RunPages;
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
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.retailpipeline.time.HourRange;

/**
 * Binds the beans the YAML routes call by name; every value comes from application.properties. One file: the order
 * the beans need each other is stated once, in {@link #configure}, area by area, and the factory methods below follow
 * the same areas (the run route tests call them to wire the run's routes alone).
 */
@Configuration
public class AppConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AppConfiguration.class);

    /**
     * Makes and binds every bean the routes call by name, in the order they need each other (Camel's own ordering of
     * {@code @BindToRegistry} methods reads the list it is sorting, and a new bean could reorder the others), reading
     * each setting from the properties.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        // the generator and its API
        // a clock bound before start (a test's) is the one every bean reads
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        if (clock == null) {
            clock = bind(registry, "clock", clock());
        }
        RetailGenerator retailGenerator = bind(registry, "retailGenerator",
                retailGenerator(property(context, "generator.start", null)));
        RangeRules rangeRules = bind(registry, "rangeRules", rangeRules(
                property(context, "generator.start", null),
                Integer.parseInt(property(context, "range.max-hours", null)),
                clock));
        GeneratorDefaults generatorDefaults = bind(registry, "generatorDefaults", generatorDefaults(
                Long.parseLong(property(context, "generator.seed", null)),
                Double.parseDouble(property(context, "generator.scale", null)),
                Double.parseDouble(property(context, "generator.dirty", null)),
                property(context, "generator.start", null),
                Double.parseDouble(property(context, "generator.max-scale", null))));
        HourBuildLimit hourBuildLimit = bind(registry, "hourBuildLimit", hourBuildLimit(
                Integer.parseInt(property(context, "generator.max-concurrent-hours", "2")),
                Long.parseLong(property(context, "generator.busy-wait-ms", "10000")),
                Integer.parseInt(property(context, "http.idle-timeout-seconds", "30"))));
        bind(registry, "generatorApi",
                generatorApi(retailGenerator, generatorDefaults, clock, rangeRules, hourBuildLimit));
        // the warehouse and the run ledger
        Warehouse warehouse = warehouse(
                property(context, "warehouse.url", null),
                property(context, "warehouse.user", ""),
                property(context, "warehouse.password", ""),
                property(context, "warehouse.duckdb.memory-limit", ""),
                Integer.parseInt(property(context, "warehouse.duckdb.threads", "0")),
                property(context, "warehouse.duckdb.checkpoint-threshold", ""),
                property(context, "sql.dir", null));
        registry.bind("warehouse", Warehouse.class, warehouse, null, "close");
        SharedTransaction chunkTransaction = bind(registry, "chunkTransaction", chunkTransaction(warehouse));
        RunLedger runLedger = bind(registry, "runLedger", runLedger(warehouse, clock));
        Watermark watermark = bind(registry, "watermark", watermark(warehouse));
        RunCoordinator runCoordinator = bind(registry, "runCoordinator", runCoordinator());
        // runs: triggers, chunks, outcomes
        ShopSource shopSource = bind(registry, "shopSource", shopSource(
                Long.parseLong(property(context, "ingest.seed", null)),
                Double.parseDouble(property(context, "ingest.scale", null)),
                Double.parseDouble(property(context, "ingest.dirty", null)),
                property(context, "generator.start", null)));
        bind(registry, "runTriggers", runTriggers(
                runLedger,
                runCoordinator,
                watermark,
                warehouse,
                shopSource,
                rangeRules,
                clock,
                Integer.parseInt(property(context, "ingest.initial-backfill-days", null)),
                Integer.parseInt(property(context, "ingest.max-catch-up-hours", null)),
                Integer.parseInt(property(context, "ingest.chunk-hours", null))));
        bind(registry, "runPages", runPages(runLedger, runCoordinator));
        bind(registry, "chunkSteps", chunkSteps(
                warehouse,
                chunkTransaction,
                watermark,
                runLedger,
                shopSource,
                clock,
                property(context, "ingest.source-url", "")));
        bind(registry, "runOutcome", runOutcome(runLedger, runCoordinator, clock));
        bind(registry, "failures", failures());
        // a chunk's load and its SQL chain
        bind(registry, "tableSplitter",
                tableSplitter(Integer.parseInt(property(context, "ingest.split-bytes", null))));
        bind(registry, "bulkFormat", bulkFormat(warehouse));
        bind(registry, "rawLoader", rawLoader(
                warehouse,
                chunkTransaction,
                property(context, "ingest.staging-dir", null),
                property(context, "warehouse.stage-dir", null)));
        bind(registry, "sqlPlan", sqlPlan(warehouse, property(context, "sql.dir", null)));
        bind(registry, "sqlSteps", sqlSteps(chunkTransaction, warehouse));
        // HTTP: guards, errors, health, metrics, the server
        AllowedHosts allowedHosts = bind(registry, "allowedHosts", allowedHosts(
                property(context, "camel.server.host", "127.0.0.1"),
                property(context, "http.allowed-hosts", "")));
        bind(registry, "writeGuard", writeGuard(allowedHosts));
        WriteToken writeToken = bind(registry, "writeToken", writeToken(property(context, "api.token", "")));
        bind(registry, "errorResponses", errorResponses());
        Health health = bind(registry, "health", health(warehouse, runCoordinator, runLedger));
        Metrics metrics = bind(registry, "metrics", metrics(warehouse, runLedger, runCoordinator, clock));
        bind(registry, "vertx", vertx(
                context,
                Integer.parseInt(property(context, "http.idle-timeout-seconds", "30")),
                allowedHosts));
        bind(registry, "routeReload", routeReload(
                context,
                Boolean.parseBoolean(property(context, "routes.reload-enabled", "true")),
                property(context, "routes.dir", "routes"),
                property(context, "routes.reload-pattern", "*.camel.yaml")));
        // the dashboard
        bind(registry, "analyticsQueries", analyticsQueries(
                warehouse,
                clock,
                Integer.parseInt(property(context, "dashboard.default-days", null)),
                Integer.parseInt(property(context, "dashboard.cache-seconds", null)),
                Integer.parseInt(property(context, "dashboard.cache-entries", null))));
        bind(registry, "dashboardConfig", dashboardConfig(
                property(context, "dashboard.external-url", ""),
                property(context, "dashboard.external-title", ""),
                writeToken));
        bind(registry, "staticFiles", staticFiles());
    }

    private static <T> T bind(Registry registry, String name, T bean) {
        registry.bind(name, bean);
        return bean;
    }

    /** A setting's value (placeholders and environment variables resolved), or its default; null: required. */
    private static String property(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElseGet(() -> {
            if (fallback == null) {
                throw new IllegalStateException("the setting " + key + " is missing");
            }
            return fallback;
        });
    }

    public Clock clock() {
        return Clock.systemUTC();
    }

    public RetailGenerator retailGenerator(String start) {
        return new RetailGenerator(new GeneratorConfig(HourRange.parseHour(start)));
    }

    public RangeRules rangeRules(String start,
                                 int maxHours,
                                 Clock clock) {
        return new RangeRules(HourRange.parseHour(start), maxHours, clock);
    }

    public GeneratorDefaults generatorDefaults(long seed,
                                               double scale,
                                               double dirty,
                                               String start,
                                               double maxScale) {
        return new GeneratorDefaults(seed, scale, dirty, HourRange.parseHour(start), maxScale);
    }

    /** How many hours the generator API builds at once, and how long a request waits for a place. */
    public HourBuildLimit hourBuildLimit(int max,
                                 long waitMs,
                                 int idleSeconds) {
        // a request waiting in silence longer than the idle timeout would lose its connection before its 503
        if (idleSeconds > 0 && waitMs >= idleSeconds * 1000L) {
            throw new IllegalStateException("generator.busy-wait-ms (" + waitMs + ") must be shorter than "
                    + "http.idle-timeout-seconds (" + idleSeconds + " s): a waiting request's connection is closed "
                    + "before its answer");
        }
        return new HourBuildLimit(max, waitMs);
    }

    public GeneratorApi generatorApi(RetailGenerator generator,
                                     GeneratorDefaults defaults,
                                     Clock clock,
                                     RangeRules rules,
                                     HourBuildLimit builds) {
        return new GeneratorApi(generator, defaults, clock, rules, maxResponseBytes, builds);
    }

    public Warehouse warehouse(String url,
                               String user,
                               String password,
                               String memoryLimit,
                               int threads,
                               String checkpoint,
                               String sqlDir) throws SQLException {
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
    public SharedTransaction chunkTransaction(Warehouse warehouse) {
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

    @PropertyInject(value = "ledger.url", defaultValue = "")
    String ledgerUrl;
    @PropertyInject(value = "sql.dir", defaultValue = "sql")
    String sqlDir;

    /**
     * The run ledger: in the warehouse, except on Spark, where each write is a statement of 0.2 s or more and the
     * ledger is written at every chunk and read by every page: there it is a local DuckDB file
     * ({@code ledger.url}, default {@code jdbc:duckdb:data/ledger.duckdb}).
     */
    public RunLedger runLedger(Warehouse warehouse,
                               Clock clock) throws SQLException {
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

    public RunCoordinator runCoordinator() {
        return new RunCoordinator();
    }

    public Watermark watermark(Warehouse warehouse) {
        return new Watermark(warehouse);
    }

    /** The shop the runs load: what the fetch asks the source for. */
    public ShopSource shopSource(long seed,
                                 double scale,
                                 double dirty,
                                 String start) {
        return ShopSource.of(seed, scale, dirty, HourRange.parseHour(start));
    }

    /** The ledger's HTTP reads (GET /api/runs, /api/runs/{id}). */
    public RunPages runPages(RunLedger ledger,
                             RunCoordinator coordinator) {
        return new RunPages(ledger, coordinator);
    }

    public RunTriggers runTriggers(RunLedger ledger,
                                   RunCoordinator coordinator,
                                   Watermark watermark,
                                   Warehouse warehouse,
                                   ShopSource source,
                                   RangeRules rules,
                                   Clock clock,
                                   int backfillDays,
                                   int maxCatchUpHours,
                                   int chunkHours) {
        RunPlanner planner = new RunPlanner(rules, backfillDays, maxCatchUpHours, chunkHours);
        return new RunTriggers(planner, coordinator, ledger, watermark, warehouse, source, clock);
    }

    public ChunkSteps chunkSteps(Warehouse warehouse,
                             SharedTransaction transaction,
                             Watermark watermark,
                             RunLedger ledger,
                             ShopSource source,
                             Clock clock,
                             String sourceUrl) {
        return new ChunkSteps(warehouse, transaction, watermark, ledger, source, sourceUrl, clock);
    }

    public RunOutcome runOutcome(RunLedger ledger,
                                 RunCoordinator coordinator,
                                 Clock clock) {
        return new RunOutcome(ledger, coordinator, clock);
    }

    public Failures failures() {
        return new Failures();
    }

    public TableSplitter tableSplitter(int splitBytes) {
        return new TableSplitter(splitBytes);
    }

    /** The warehouse's bulk format, used from YAML as {@code marshal: custom: bulkFormat}. */
    public BulkFormat bulkFormat(Warehouse warehouse) {
        return switch (warehouse.dialect()) {
            case POSTGRES -> new CsvBulkFormat();
            case DUCKDB, SPARK -> new NdjsonBulkFormat();
        };
    }

    public RawLoader rawLoader(Warehouse warehouse,
                               SharedTransaction transaction,
                               String stagingDir,
                               String engineStageDir) {
        return switch (warehouse.dialect()) {
            case DUCKDB -> new DuckDbRawLoader(transaction, Path.of(stagingDir));
            case POSTGRES -> new PostgresRawLoader(transaction);
            case SPARK -> warehouse.isDatabricks()
                    ? new DatabricksRawLoader(transaction, Path.of(stagingDir), engineStageDir)
                    : new SparkRawLoader(transaction, Path.of(engineStageDir));
        };
    }

    public SqlPlan sqlPlan(Warehouse warehouse, String sqlDir) {
        return new SqlPlan(sqlFolder(sqlDir), warehouse.dialect());
    }

    public SqlSteps sqlSteps(SharedTransaction transaction,
                             Warehouse warehouse) {
        // where a statement costs (Spark), the chunk's checks are counted in one; in a transaction, a failing
        // statement would abort the rest, so each check runs its own query and a broken one names its file
        return new SqlSteps(warehouse.dialect().hasTransactions() ? null : transaction);
    }

    public Health health(Warehouse warehouse,
                         RunCoordinator coordinator,
                         RunLedger ledger) {
        return new Health(warehouse, coordinator, ledger);
    }

    public Metrics metrics(Warehouse warehouse,
                           RunLedger ledger,
                           RunCoordinator coordinator,
                           Clock clock) {
        return new Metrics(warehouse, ledger.database(), coordinator, clock);
    }

    /**
     * Live reloading of the external routes folder ({@code routes.dir}), keeping a file's previous routes when its
     * new version does not load (see RouteReload); a service of the context, started and stopped with it.
     */
    public RouteReload routeReload(CamelContext context,
                                   boolean enabled,
                                   String dir,
                                   String pattern) throws Exception {
        RouteReload reload = new RouteReload(dir, pattern);
        if (enabled) {
            context.addService(reload, true, true);
        }
        return reload;
    }

    /**
     * The Vert.x instance the HTTP server runs on (Camel's server looks it up here), with what Camel has no option
     * for: the idle timeout, the Host check, and the server's own answers as JSON (see HttpServerSetup). It is closed
     * with the context.
     */
    public Vertx vertx(CamelContext context,
                       int idleSeconds,
                       AllowedHosts hosts) throws Exception {
        HttpServerSetup setup = new HttpServerSetup(context, idleSeconds, hosts);
        context.getRegistry().bind("httpServerSetup", setup);
        context.addStartupListener(setup);
        return setup.vertx();
    }

    public ErrorResponses errorResponses() {
        return new ErrorResponses();
    }

    public AnalyticsQueries analyticsQueries(Warehouse warehouse,
                                             Clock clock,
                                             int defaultDays,
                                             int cacheSeconds,
                                             int cacheEntries) {
        return new AnalyticsQueries(warehouse, clock, defaultDays, new AnalyticsCache(cacheSeconds, cacheEntries));
    }

    /** The host names requests may be addressed to (against DNS rebinding): every request on loopback, writes always. */
    public AllowedHosts allowedHosts(String host,
                                     String names) {
        return new AllowedHosts(host, List.of(names.split(",")));
    }

    public WriteGuard writeGuard(AllowedHosts hosts) {
        return new WriteGuard(hosts);
    }

    public WriteToken writeToken(String token) {
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

    public DashboardConfig dashboardConfig(String externalUrl,
                                           String externalTitle,
                                           WriteToken writeToken) {
        return new DashboardConfig(externalUrl, externalTitle, writeToken.required());
    }

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
