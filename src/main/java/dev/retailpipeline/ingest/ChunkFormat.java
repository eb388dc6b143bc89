package dev.retailpipeline.ingest;

/** The form a {@link TableChunk} holds its rows in: what the database's bulk path reads. */
public enum ChunkFormat {
    /**
     * One flat JSON object per line, numbers and booleans turned into strings with their text kept exactly
     * as sent ({@code 12.30} becomes {@code "12.30"}), so a varchar column receives the source text.
     */
    NDJSON,
    /**
     * RFC 4180 CSV for PostgreSQL's COPY, fields in the table's column order, null as an unquoted empty field,
     * each row without its line end (the loader appends the load metadata and the line end).
     */
    CSV,
    /**
     * Each row's flat JSON object as sent (the whole batch checked by the splitter), one after the other without
     * separators; {@code rowEnds[i]} is the offset where row i ends. The loader marshals the rows while it loads
     * them (PostgreSQL: to CSV while streaming the COPY), so marshalling overlaps the database's own work.
     */
    JSON_ROWS
}
