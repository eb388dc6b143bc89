package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One table's rows of a batch, marshalled for the loader ({@link ChunkFormat}): {@code length} bytes of
 * {@code data}; for CSV and JSON_ROWS, {@code rowEnds[i]} is the offset where row i ends (rows carry no line
 * end).
 */
public record TableChunk(RawTable table, long rows, ChunkFormat format, byte[] data, int length, int[] rowEnds) {

    /** Writes the rows as they are held (for NDJSON a ready file, one object per line). */
    public void writeTo(OutputStream out) throws IOException {
        out.write(data, 0, length);
    }

    @Override
    public String toString() {
        return "TableChunk[" + table.source() + ", " + rows + " rows, " + format + ", " + length + " bytes]";
    }
}
