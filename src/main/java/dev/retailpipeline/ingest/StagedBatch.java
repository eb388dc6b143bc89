package dev.retailpipeline.ingest;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One hour's batch split by table and marshalled for a loader: the hour, the chunks of the six source
 * tables in load order, the manifest chunk (injected dirty rows) and the summary.
 */
public record StagedBatch(LocalDateTime hour, List<TableChunk> tables, TableChunk manifest, BatchSummary summary) {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

    /** The hour as the batches name it, e.g. {@code 2026-11-23T14}. */
    public String hourText() {
        return HOUR.format(hour);
    }

    /** The chunk of one source table (or the manifest). */
    public TableChunk chunk(RawTable table) {
        if (table == RawTable.MANIFEST) {
            return manifest;
        }
        return tables.stream().filter(c -> c.table() == table).findFirst().orElseThrow();
    }

    /** All chunks: the six source tables in load order, then the manifest. */
    public List<TableChunk> allChunks() {
        List<TableChunk> all = new java.util.ArrayList<>(tables);
        all.add(manifest);
        return all;
    }

    /** Source rows in the batch (clean and dirty, without manifest lines). */
    public long sourceRows() {
        return tables.stream().mapToLong(TableChunk::rows).sum();
    }
}
