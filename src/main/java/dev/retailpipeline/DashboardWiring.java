package dev.retailpipeline;

import java.time.Clock;
import java.time.Duration;

import dev.retailpipeline.dashboard.AnalyticsCache;
import dev.retailpipeline.dashboard.AnalyticsQueries;
import dev.retailpipeline.dashboard.DashboardConfig;
import dev.retailpipeline.dashboard.ModelDocs;
import dev.retailpipeline.dashboard.PipelineHealth;
import dev.retailpipeline.dashboard.StaticFiles;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.WriteToken;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.TimeUtils;

/**
 * The dashboard (dashboard.camel.yaml, home.camel.yaml, pipeline.camel.yaml): its analytics and their cache, its
 * settings, its files, the pipeline's health and the data docs.
 */
final class DashboardWiring {

    private DashboardWiring() {
    }

    static void bind(Registry registry, Settings settings, WarehouseWiring.Beans store, WriteToken token, Clock clock) {
        Warehouse warehouse = store.warehouse();
        registry.bind("analyticsQueries", new AnalyticsQueries(warehouse, clock,
                settings.integer("dashboard.default-days"),
                new AnalyticsCache(settings.integer("dashboard.cache-seconds"),
                        settings.integer("dashboard.cache-entries"))));
        registry.bind("dashboardConfig", new DashboardConfig(
                settings.text("dashboard.external-url", ""),
                settings.text("dashboard.external-title", ""),
                token.required()));
        registry.bind("staticFiles", new StaticFiles());
        // the pipeline's own health and the data docs
        PipelineHealth.Timer timer = new PipelineHealth.Timer(settings.flag("ingest.timer.enabled", true),
                clock.instant().plusMillis(TimeUtils.toMilliSeconds(settings.text("ingest.timer.delay"))),
                Duration.ofMillis(TimeUtils.toMilliSeconds(settings.text("ingest.timer.period"))));
        registry.bind("pipelineHealth", new PipelineHealth(warehouse, store.ledger().database(), clock, timer,
                new AnalyticsCache(settings.integer("dashboard.cache-seconds"), settings.integer("dashboard.cache-entries"))));
        registry.bind("modelDocs", new ModelDocs(warehouse, store.ledger().database(),
                new SqlFolder(store.models(), warehouse.dialect())));
    }
}
