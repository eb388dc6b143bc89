package dev.retailpipeline.ingest;

import dev.retailpipeline.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits and loads hourly NDJSON batches into a warehouse's raw tables, one transaction per hour: the bean
 * the ingestion route calls. Holds one splitter and one loader, so use one instance per thread.
 */
public final class RawIngest {
    private final Warehouse warehouse;
    private final RawLoader loader;
    private final BatchSplitter splitter;

    public RawIngest(Warehouse warehouse, Path stagingDir) {
        this.warehouse = warehouse;
        this.loader = RawLoaders.forDialect(warehouse.dialect(), stagingDir);
        this.splitter = new BatchSplitter(loader.chunkFormat());
    }

    public RawIngest(Warehouse warehouse) {
        this(warehouse, Path.of(System.getProperty("java.io.tmpdir"), "retail-pipeline-staging"));
    }

    /** The loader this ingest uses (its chunk format tells how batches are split). */
    public RawLoader loader() {
        return loader;
    }

    /** Splits the hour's NDJSON (read to its end, not closed) and loads it on a connection of its own. */
    public LoadResult loadHour(InputStream ndjson, String runId) throws IOException, SQLException {
        try (Connection c = warehouse.connect()) {
            return loadHour(c, ndjson, runId);
        }
    }

    /** Splits the hour's NDJSON and loads it on the given connection; nothing is loaded if it is malformed. */
    public LoadResult loadHour(Connection connection, InputStream ndjson, String runId)
            throws IOException, SQLException {
        long t0 = System.nanoTime();
        StagedBatch batch = splitter.split(ndjson);
        long t1 = System.nanoTime();
        Map<String, Long> rows = load(connection, loader, batch, runId);
        long t2 = System.nanoTime();
        return new LoadResult(batch.hour(), rows, t1 - t0, t2 - t1);
    }

    /** Loads a split batch with the loader in one transaction; returns rows per table (source name). */
    public static Map<String, Long> load(Connection connection, RawLoader loader, StagedBatch batch, String runId)
            throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (loader) {
            loader.begin(connection, batch, runId);
            for (TableChunk chunk : batch.allChunks()) {
                rows.put(chunk.table().source(), loader.load(chunk));
            }
            loader.commit();
        }
        return rows;
    }
}
