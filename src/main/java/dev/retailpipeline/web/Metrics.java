package dev.retailpipeline.web;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.retailpipeline.warehouse.Warehouse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * GET /api/metrics: Prometheus' text format. The pipeline's figures are read from the run ledger and the raw
 * tables at each scrape (one query to each): runs by status, rows loaded, the last success, the hour loaded through and how
 * many hours behind the clock that is (the data's freshness), quarantined rows and whether a run is active. The
 * JVM's memory, GC, threads, CPU and uptime come with them. A figure the warehouse cannot give is NaN.
 */
public final class Metrics {

    private static final String RUNS = """
            select
                (select count(*) from pipeline_runs where status = 'succeeded') as runs_succeeded,
                (select count(*) from pipeline_runs where status = 'failed') as runs_failed,
                (select count(*) from pipeline_runs where status = 'running') as runs_running,
                (select coalesce(sum(rows_loaded), 0) from pipeline_runs) as rows_loaded,
                (select cast(max(finished_at) as varchar) from pipeline_runs where status = 'succeeded') as last_success_at
            """;
    private static final String DATA = """
            select
                (select cast(max(chunk_to) - interval '1 hour' as varchar) from pipeline_chunks) as last_hour_loaded,
                (select count(*) from quarantine) as quarantined_rows
            """;

    private final Warehouse warehouse;
    private final Warehouse ledgerDb;
    private final ActiveRun coordinator;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Double> figures = new ConcurrentHashMap<>();

    public Metrics(Warehouse warehouse, ActiveRun coordinator, Clock clock) {
        this(warehouse, warehouse, coordinator, clock);
    }

    /** @param ledgerDb the run ledger's database, when it is not the warehouse */
    public Metrics(Warehouse warehouse, Warehouse ledgerDb, ActiveRun coordinator, Clock clock) {
        this.warehouse = warehouse;
        this.ledgerDb = ledgerDb;
        this.coordinator = coordinator;
        this.clock = clock;
        for (String status : new String[]{"succeeded", "failed", "running"}) {
            figure("retail_pipeline.runs", "runs_" + status, "Runs in the ledger by status", "status", status);
        }
        figure("retail_pipeline.rows.loaded", "rows_loaded", "Rows loaded into the raw tables by all runs");
        figure("retail_pipeline.last.success.timestamp.seconds", "last_success_at", "When the last successful run ended");
        figure("retail_pipeline.loaded.through.timestamp.seconds", "loaded_through",
                "The end of the newest hour loaded into the warehouse");
        figure("retail_pipeline.hours.behind", "hours_behind", "Hours between the clock and the end of the newest hour loaded");
        figure("retail_pipeline.quarantined.rows", "quarantined_rows", "Rows the ETL has set aside in quarantine");
        Gauge.builder("retail_pipeline.run.active", coordinator, c -> c.activeRunId().isPresent() ? 1 : 0)
                .description("1 while a run is active").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void figure(String name, String key, String description, String... tags) {
        figures.put(key, Double.NaN);
        Gauge.builder(name, figures, f -> f.getOrDefault(key, Double.NaN)).description(description).tags(tags).register(registry);
    }

    public void scrape(Exchange exchange) {
        QueryParameters.of(exchange, java.util.Set.of());
        read();
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        message.setBody(registry.scrape());
    }

    private void read() {
        figures.replaceAll((k, v) -> Double.NaN);
        // the ledger's figures and the warehouse's, each from its own database (the ledger is local on Spark)
        try (Connection c = ledgerDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(ledgerDb.dialect().sql(RUNS))) {
            rs.next();
            for (String key : new String[]{"runs_succeeded", "runs_failed", "runs_running", "rows_loaded"}) {
                figures.put(key, rs.getDouble(key));
            }
            Double lastSuccess = epochSeconds(rs.getString("last_success_at"));
            figures.put("last_success_at", lastSuccess == null ? Double.NaN : lastSuccess);
        } catch (SQLException e) {
            // the figures stay NaN: the database cannot answer (GET /api/health says why)
        }
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(warehouse.dialect().sql(DATA))) {
            rs.next();
            figures.put("quarantined_rows", rs.getDouble("quarantined_rows"));
            Double lastHour = epochSeconds(rs.getString("last_hour_loaded"));
            if (lastHour != null) {
                double through = lastHour + 3600;
                figures.put("loaded_through", through);
                figures.put("hours_behind", (clock.millis() / 1000.0 - through) / 3600.0);
            }
        } catch (SQLException e) {
            // as above
        }
    }

    /** A timestamp the warehouse gives as text (UTC, 'yyyy-MM-dd HH:mm:ss[.f]'), in seconds since the epoch. */
    private static Double epochSeconds(String text) {
        if (text == null) {
            return null;
        }
        return (double) LocalDateTime.parse(text.substring(0, 19).replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    }
}
