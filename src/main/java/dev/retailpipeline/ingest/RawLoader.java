package dev.retailpipeline.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Loads one {@link StagedBatch} into the raw tables through the database's bulk path, in one transaction:
 * all of the batch or none of it. Use: {@code begin}, {@code load} each chunk, {@code commit}, {@code close}
 * (in a try-with-resources; it rolls back what was not committed). An instance loads one batch at a time
 * and can be reused for the next after close.
 */
public interface RawLoader extends AutoCloseable {

    /** The form the loader reads chunks in; split batches for it with {@code new BatchSplitter(format)}. */
    ChunkFormat chunkFormat();

    /**
     * Opens the batch's transaction on the connection (the caller keeps owning the connection) and deletes the
     * batch's hour from every raw table, so that loading an hour again replaces it (skipped when the hour has no
     * summary row: the summary is committed with the rows, so such an hour has no rows anywhere).
     */
    void begin(Connection connection, StagedBatch batch, String runId) throws SQLException;

    /** Bulk-loads one table's chunk; returns the rows loaded. */
    long load(TableChunk chunk) throws SQLException;

    /** Writes the batch's summary row and commits the batch. */
    void commit() throws SQLException;

    /** Rolls back if the batch was not committed and gives the connection back as it was. */
    @Override
    void close() throws SQLException;
}
