package dev.retailpipeline;

import java.nio.file.Path;
import java.time.Clock;

import dev.retailpipeline.etl.SqlPlan;
import dev.retailpipeline.etl.SqlSteps;
import dev.retailpipeline.ingest.BulkFormat;
import dev.retailpipeline.ingest.CsvBulkFormat;
import dev.retailpipeline.ingest.DatabricksRawLoader;
import dev.retailpipeline.ingest.DuckDbRawLoader;
import dev.retailpipeline.ingest.NdjsonBulkFormat;
import dev.retailpipeline.ingest.PostgresRawLoader;
import dev.retailpipeline.ingest.RawLoader;
import dev.retailpipeline.ingest.SparkRawLoader;
import dev.retailpipeline.ingest.TableSplitter;
import dev.retailpipeline.run.ChunkSteps;
import dev.retailpipeline.run.Failures;
import dev.retailpipeline.run.RunCoordinator;
import dev.retailpipeline.run.RunOutcome;
import dev.retailpipeline.run.RunPages;
import dev.retailpipeline.run.RunPlanner;
import dev.retailpipeline.run.RunTriggers;
import dev.retailpipeline.run.ShopSource;
import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.warehouse.SharedTransaction;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.spi.Registry;

/**
 * Runs (triggers.camel.yaml, ingest.camel.yaml, etl.camel.yaml): the triggers and the ledger's pages, a chunk's
 * steps and outcome, its split, bulk format and raw load for the warehouse's engine, and its SQL chain.
 */
final class RunWiring {

    private RunWiring() {
    }

    /** Binds the run's beans; returns the coordinator, which knows the active run (health, metrics). */
    static RunCoordinator bind(Registry registry, Settings settings, WarehouseWiring.Beans store, RangeRules rules,
                               Clock clock) {
        Warehouse warehouse = store.warehouse();
        SharedTransaction transaction = store.chunkTransaction();
        RunCoordinator coordinator = new RunCoordinator();
        registry.bind("runCoordinator", coordinator);
        ShopSource source = ShopSource.of(
                settings.whole("ingest.seed"),
                settings.decimal("ingest.scale"),
                settings.decimal("ingest.dirty"),
                HourRange.parseHour(settings.text("generator.start")));
        registry.bind("shopSource", source);
        RunPlanner planner = new RunPlanner(rules,
                settings.integer("ingest.initial-backfill-days"),
                settings.integer("ingest.max-catch-up-hours"),
                settings.integer("ingest.chunk-hours"));
        registry.bind("runTriggers", new RunTriggers(planner, coordinator, store.ledger(), store.watermark(), warehouse,
                source, clock));
        registry.bind("runPages", new RunPages(store.ledger(), coordinator));
        registry.bind("chunkSteps", new ChunkSteps(warehouse, transaction, store.watermark(), store.ledger(), source,
                settings.text("ingest.source-url", ""), clock));
        registry.bind("runOutcome", new RunOutcome(store.ledger(), coordinator, clock));
        registry.bind("failures", new Failures());
        // a chunk's load: split by table, marshalled to the engine's bulk format (marshal: custom: bulkFormat), loaded
        registry.bind("tableSplitter", new TableSplitter(settings.integer("ingest.split-bytes")));
        registry.bind("bulkFormat", bulkFormat(warehouse));
        registry.bind("rawLoader", rawLoader(warehouse, transaction,
                Path.of(settings.text("ingest.staging-dir", "data/staging")),
                settings.text("warehouse.stage-dir", "data/stage")));
        // its SQL chain; where a statement costs (Spark), the chunk's checks are counted in one; in a transaction, a
        // failing statement would abort the rest, so each check runs its own query and a broken one names its file
        registry.bind("sqlPlan", new SqlPlan(store.models(), warehouse.dialect()));
        registry.bind("sqlSteps", new SqlSteps(warehouse.dialect().hasTransactions() ? null : transaction));
        return coordinator;
    }

    private static BulkFormat bulkFormat(Warehouse warehouse) {
        return switch (warehouse.dialect()) {
            case POSTGRES -> new CsvBulkFormat();
            case DUCKDB, SPARK -> new NdjsonBulkFormat();
        };
    }

    private static RawLoader rawLoader(Warehouse warehouse, SharedTransaction transaction, Path stagingDir,
                                       String engineStageDir) {
        return switch (warehouse.dialect()) {
            case DUCKDB -> new DuckDbRawLoader(transaction, stagingDir);
            case POSTGRES -> new PostgresRawLoader(transaction);
            case SPARK -> warehouse.isDatabricks()
                    ? new DatabricksRawLoader(transaction, stagingDir, engineStageDir)
                    : new SparkRawLoader(transaction, Path.of(engineStageDir));
        };
    }
}
