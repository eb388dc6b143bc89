package dev.retailpipeline;

import java.time.Clock;

import dev.retailpipeline.dashboard.AnalyticsCache;
import dev.retailpipeline.dashboard.AnalyticsQueries;
import dev.retailpipeline.dashboard.DashboardConfig;
import dev.retailpipeline.dashboard.StaticFiles;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.WriteToken;
import org.apache.camel.spi.Registry;

/** The dashboard (dashboard.camel.yaml, home.camel.yaml): its analytics and their cache, its settings, its files. */
final class DashboardWiring {

    private DashboardWiring() {
    }

    static void bind(Registry registry, Settings settings, Warehouse warehouse, WriteToken token, Clock clock) {
        registry.bind("analyticsQueries", new AnalyticsQueries(warehouse, clock,
                settings.integer("dashboard.default-days"),
                new AnalyticsCache(settings.integer("dashboard.cache-seconds"),
                        settings.integer("dashboard.cache-entries"))));
        registry.bind("dashboardConfig", new DashboardConfig(
                settings.text("dashboard.external-url", ""),
                settings.text("dashboard.external-title", ""),
                token.required()));
        registry.bind("staticFiles", new StaticFiles());
    }
}
