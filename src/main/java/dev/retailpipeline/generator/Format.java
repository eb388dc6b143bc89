package dev.retailpipeline.generator;

/** Output formats of a batch. */
public enum Format {
    /** One JSON object per hour with one array per table, the manifest and the summary. */
    JSON,
    /** One line per row: {"table":...,"row":{...}}, framed by _batch, _manifest and _summary lines. */
    NDJSON,
    /** One table, RFC 4180, header line first, empty field for null. */
    CSV
}
