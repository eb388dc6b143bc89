package dev.retailpipeline.ingest;

/**
 * Rows of one raw table cut from a chunk's batch stream by {@link TableSplitter}: each row's flat JSON object as
 * sent (not yet checked), the hour it belongs to and its line in the stream (for error messages). {@code rowEnds[i]}
 * is the offset in {@code data} where row i ends; row 0 starts at 0.
 */
public record TableRows(RawTable table, int rows, byte[] data, int[] rowEnds, long[] rowHours, long[] rowLines) {

    public int start(int row) {
        return row == 0 ? 0 : rowEnds[row - 1];
    }

    public int bytes() {
        return rows == 0 ? 0 : rowEnds[rows - 1];
    }

    @Override
    public String toString() {
        return "TableRows[" + table.rawTable() + ", " + rows + " rows, " + bytes() + " bytes]";
    }
}
