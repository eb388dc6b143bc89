package dev.retailpipeline.ingest;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * What loading one hour did: rows per raw table (by source name, {@code _manifest} included) and the time spent
 * splitting and marshalling versus loading and committing, in nanoseconds.
 */
public record LoadResult(LocalDateTime hour, Map<String, Long> rows, long splitNanos, long loadNanos) {

    /** Source rows loaded (the six tables, without the manifest). */
    public long sourceRows() {
        return rows.entrySet().stream().filter(e -> !e.getKey().startsWith("_")).mapToLong(Map.Entry::getValue).sum();
    }
}
