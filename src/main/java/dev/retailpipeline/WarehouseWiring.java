package dev.retailpipeline;

import java.nio.file.Path;
import java.sql.SQLException;

import dev.retailpipeline.run.RunLedger;
import dev.retailpipeline.run.Watermark;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.SharedTransaction;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse, the chunk's shared transaction, the run ledger and the watermark. Nothing here connects: making the
 * tables and repairing interrupted runs are {@link StartUp}'s.
 */
final class WarehouseWiring {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseWiring.class);

    /** What the other areas and the start-up step use of this one. */
    record Beans(Warehouse warehouse, SharedTransaction chunkTransaction, RunLedger ledger, Watermark watermark,
                 Path models, boolean ledgerInWarehouse) {
    }

    private WarehouseWiring() {
    }

    static Beans bind(Registry registry, Settings settings, Path models) throws SQLException {
        Warehouse warehouse = warehouse(settings);
        registry.bind("warehouse", Warehouse.class, warehouse, null, "close");
        SharedTransaction transaction = warehouse.dialect().hasTransactions()
                ? new SharedTransaction(true)
                // without transactions, a chunk that does not commit restores every table of the schema (Delta time travel)
                : new SharedTransaction(false, new SqlFolder(models, warehouse.dialect()).schemaTables());
        registry.bind("chunkTransaction", transaction);
        // the run ledger: in the warehouse, except on Spark, where each write is a statement of 0.2 s or more and the
        // ledger is written at every chunk and read by every page: there it is a local DuckDB file (ledger.url)
        String ledgerUrl = settings.text("ledger.url", "").strip();
        boolean ledgerInWarehouse = ledgerUrl.isEmpty() && warehouse.dialect() != Dialect.SPARK;
        Warehouse ledgerDb = warehouse;
        if (!ledgerInWarehouse) {
            ledgerDb = Warehouse.of(ledgerUrl.isEmpty() ? "jdbc:duckdb:data/ledger.duckdb" : ledgerUrl);
            LOG.info("Run ledger: {}", ledgerDb);
        }
        RunLedger ledger = new RunLedger(ledgerDb, settings.integer("ledger.max-kept-failures", RunLedger.MAX_KEPT_FAILURES));
        registry.bind("runLedger", ledger);
        Watermark watermark = new Watermark(warehouse);
        registry.bind("watermark", watermark);
        return new Beans(warehouse, transaction, ledger, watermark, models, ledgerInWarehouse);
    }

    /** The warehouse of warehouse.url with its engine's settings; Databricks' token when no password is set. */
    private static Warehouse warehouse(Settings settings) {
        String password = settings.text("warehouse.password", "");
        String secret = password.isBlank() ? settings.text("warehouse.databricks-token", "") : password;
        Warehouse warehouse = new Warehouse(settings.text("warehouse.url"), settings.text("warehouse.user", ""), secret)
                .duckDbLimits(settings.text("warehouse.duckdb.memory-limit", ""),
                        settings.integer("warehouse.duckdb.threads", 0),
                        settings.text("warehouse.duckdb.checkpoint-threshold", ""))
                .duckDbAllocatorFlush(settings.text("warehouse.duckdb.allocator-flush-threshold", ""))
                .duckDbInsertionOrder(settings.flag("warehouse.duckdb.preserve-insertion-order", true))
                .localStagingDir(Path.of(settings.text("ingest.staging-dir", "data/staging")).toAbsolutePath().toString());
        LOG.info("Warehouse: {}", warehouse);
        return warehouse;
    }
}
