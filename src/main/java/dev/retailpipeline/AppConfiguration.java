package dev.retailpipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import dev.retailpipeline.dashboard.AnalyticsCache;
import dev.retailpipeline.dashboard.AnalyticsQueries;
import dev.retailpipeline.dashboard.DashboardConfig;
import dev.retailpipeline.dashboard.StaticFiles;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.generator.api.GeneratorApi;
import dev.retailpipeline.generator.api.GeneratorDefaults;
import dev.retailpipeline.etl.EtlSteps;
import dev.retailpipeline.etl.EtlTransaction;
import dev.retailpipeline.ingest.Failures;
import dev.retailpipeline.ingest.IngestSteps;
import dev.retailpipeline.ingest.RunCoordinator;
import dev.retailpipeline.ingest.RunPlanner;
import dev.retailpipeline.ingest.RunTriggers;
import dev.retailpipeline.warehouse.RunLedger;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.ErrorResponses;
import dev.retailpipeline.web.Health;
import dev.retailpipeline.web.Metrics;
import dev.retailpipeline.web.WriteToken;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
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

    @BindToRegistry("generatorDefaults")
    public GeneratorDefaults generatorDefaults(@PropertyInject("generator.seed") long seed,
                                               @PropertyInject("generator.scale") double scale,
                                               @PropertyInject("generator.dirty") double dirty,
                                               @PropertyInject("generator.start") String start,
                                               @PropertyInject("generator.max-scale") double maxScale,
                                               @PropertyInject("generator.max-range-hours") int maxRangeHours) {
        return new GeneratorDefaults(seed, scale, dirty, ShopHours.parse(start), maxScale, maxRangeHours);
    }

    @BindToRegistry("generatorApi")
    public GeneratorApi generatorApi(@BeanInject("retailGenerator") RetailGenerator generator,
                                     @BeanInject("generatorDefaults") GeneratorDefaults defaults,
                                     @BeanInject("clock") Clock clock) {
        return new GeneratorApi(generator, defaults, clock);
    }

    @BindToRegistry("warehouse")
    public Warehouse warehouse(@PropertyInject("warehouse.url") String url,
                               @PropertyInject(value = "warehouse.user", defaultValue = "") String user,
                               @PropertyInject(value = "warehouse.password", defaultValue = "") String password,
                               @PropertyInject("sql.dir") String sqlDir) throws SQLException {
        Warehouse warehouse = new Warehouse(url, user, password);
        LOG.info("Warehouse: {}", warehouse);
        try (Connection c = warehouse.connect()) {
            new SqlFolder(Path.of(sqlDir), warehouse.dialect()).runStage(c, "00_raw");
        }
        return warehouse;
    }

    @BindToRegistry("runLedger")
    public RunLedger runLedger(@BeanInject("warehouse") Warehouse warehouse,
                               @BeanInject("clock") Clock clock) throws SQLException {
        RunLedger ledger = new RunLedger(warehouse);
        int interrupted = ledger.failInterrupted(clock.instant());
        if (interrupted > 0) {
            LOG.warn("{} run(s) were active when the process last stopped; recorded as failed", interrupted);
        }
        return ledger;
    }

    @BindToRegistry("runCoordinator")
    public RunCoordinator runCoordinator() {
        return new RunCoordinator();
    }

    @BindToRegistry("runTriggers")
    public RunTriggers runTriggers(@BeanInject("runLedger") RunLedger ledger,
                                   @BeanInject("runCoordinator") RunCoordinator coordinator,
                                   @BeanInject("clock") Clock clock,
                                   @PropertyInject("generator.start") String start,
                                   @PropertyInject("ingest.initial-backfill-days") int backfillDays,
                                   @PropertyInject("ingest.max-catch-up-hours") int maxCatchUpHours,
                                   @PropertyInject("ingest.max-backfill-hours") int maxBackfillHours) {
        RunPlanner planner = new RunPlanner(clock, ShopHours.parse(start), backfillDays, maxCatchUpHours);
        return new RunTriggers(planner, coordinator, ledger, clock, maxBackfillHours);
    }

    @BindToRegistry("ingestSteps")
    public IngestSteps ingestSteps(@BeanInject("warehouse") Warehouse warehouse,
                                   @BeanInject("runLedger") RunLedger ledger,
                                   @BeanInject("runCoordinator") RunCoordinator coordinator,
                                   @BeanInject("clock") Clock clock,
                                   @PropertyInject(value = "ingest.source-url", defaultValue = "") String sourceUrl,
                                   @PropertyInject("ingest.seed") long seed,
                                   @PropertyInject("ingest.scale") double scale,
                                   @PropertyInject("ingest.dirty") double dirty) {
        return new IngestSteps(warehouse, ledger, coordinator, clock, new IngestSteps.Source(sourceUrl, seed, scale, dirty));
    }

    @BindToRegistry("health")
    public Health health(@BeanInject("warehouse") Warehouse warehouse,
                         @BeanInject("runCoordinator") RunCoordinator coordinator) {
        return new Health(warehouse, coordinator);
    }

    @BindToRegistry("metrics")
    public Metrics metrics(@BeanInject("warehouse") Warehouse warehouse,
                           @BeanInject("runCoordinator") RunCoordinator coordinator,
                           @BeanInject("clock") Clock clock) {
        return new Metrics(warehouse, coordinator, clock);
    }

    @BindToRegistry("failures")
    public Failures failures() {
        return new Failures();
    }

    @BindToRegistry("etlTransaction")
    public EtlTransaction etlTransaction() {
        return new EtlTransaction();
    }

    @BindToRegistry("etlSteps")
    public EtlSteps etlSteps(@BeanInject("warehouse") Warehouse warehouse,
                             @BeanInject("etlTransaction") EtlTransaction transaction,
                             @PropertyInject("sql.dir") String sqlDir) {
        return new EtlSteps(warehouse, transaction, Path.of(sqlDir));
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

    @BindToRegistry("writeToken")
    public WriteToken writeToken(@PropertyInject(value = "api.token", defaultValue = "") String token) {
        return new WriteToken(token);
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
}
