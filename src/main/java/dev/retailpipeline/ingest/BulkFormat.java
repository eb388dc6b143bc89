package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import dev.retailpipeline.time.HourRange;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The marshal step of a chunk: turns a table's {@link TableRows} into what the warehouse's bulk path reads,
 * each row checked and given its batch hour, and names the table and its rows in the headers
 * {@value IngestProgress#TABLE_HEADER} and {@value IngestProgress#ROWS_HEADER}. Used from YAML as
 * {@code marshal: custom: bulkFormat}; one per database ({@link NdjsonBulkFormat}, {@link CsvBulkFormat}).
 */
public abstract class BulkFormat extends ServiceSupport implements DataFormat {

    private static final int WRITE_SIZE = 1 << 20;

    @Override
    public final void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        TableRows rows = exchange.getContext().getTypeConverter().mandatoryConvertTo(TableRows.class, exchange, graph);
        IngestProgress progress = exchange.getProperty(IngestProgress.PROPERTY, IngestProgress.NONE, IngestProgress.class);
        String step = "marshal " + rows.table().rawTable();
        progress.step(step);
        long t0 = System.nanoTime();
        ByteBuf out = new ByteBuf(WRITE_SIZE + (WRITE_SIZE >> 2));
        Rows writer = rows(exchange, rows.table());
        try {
            for (int i = 0; i < rows.rows(); i++) {
                int start = rows.start(i);
                writer.write(rows, i, rows.data(), start, rows.rowEnds()[i], out);
                if (out.size >= WRITE_SIZE) {
                    stream.write(out.bytes, 0, out.size);
                    out.size = 0;
                }
            }
            stream.write(out.bytes, 0, out.size);
        } catch (OutOfMemoryError e) {
            // an Error would end the run's thread without a word; as an exception it fails the run and is recorded
            throw new IllegalStateException("out of memory while marshalling " + rows + ": lower ingest.split-bytes or "
                    + "give the JVM more heap", e);
        }
        exchange.getMessage().setHeader(IngestProgress.TABLE_HEADER, rows.table().name());
        exchange.getMessage().setHeader(IngestProgress.ROWS_HEADER, (long) rows.rows());
        progress.timed(step, System.nanoTime() - t0);
    }

    /** The writer of one table's rows in this format, for this exchange's run. */
    protected abstract Rows rows(Exchange exchange, RawTable table);

    /** Writes rows of one table. */
    protected interface Rows {
        /** Appends row {@code i} ({@code data[start, end)}) in the bulk format; a bad row throws MalformedBatchException. */
        void write(TableRows rows, int i, byte[] data, int start, int end, ByteBuf out);
    }

    /** The SQL timestamp text of a batch hour, {@code 2026-11-23 14:00:00}, as bytes; cached for runs of one hour. */
    protected static final class HourText {
        private long hour = Long.MIN_VALUE;
        private byte[] text;

        byte[] of(long epochHour) {
            if (epochHour != hour) {
                text = HourRange.sqlTimestamp(epochHour).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                hour = epochHour;
            }
            return text;
        }
    }

    static MalformedBatchException badRow(TableRows rows, int i, String problem) {
        return new MalformedBatchException(rows.rowLines()[i], "invalid JSON in a row of " + rows.table().source() + ": "
                + problem);
    }

    @Override
    public final Object unmarshal(Exchange exchange, InputStream stream) {
        throw new UnsupportedOperationException("a bulk format only marshals");
    }

    @Override
    protected void doStart() {
    }

    @Override
    protected void doStop() {
    }
}
