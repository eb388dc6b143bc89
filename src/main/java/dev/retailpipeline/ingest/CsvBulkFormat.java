package dev.retailpipeline.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import org.apache.camel.Exchange;

/**
 * PostgreSQL's bulk format for {@code COPY ... FROM STDIN (FORMAT csv)}: the table's columns in DDL order
 * (whatever the JSON key order), number text as sent, null as an empty field, then the load metadata
 * batch_hour, run_id and loaded_at (see {@link CsvRowWriter}).
 */
public final class CsvBulkFormat extends BulkFormat {

    private final JsonFactory factory = new JsonFactory();
    private final ThreadLocal<Map<RawTable, CsvRowWriter>> writers = ThreadLocal.withInitial(() -> new EnumMap<>(RawTable.class));

    @Override
    protected Rows rows(Exchange exchange, RawTable table) {
        CsvRowWriter writer = writers.get().computeIfAbsent(table, t -> new CsvRowWriter(factory, t.columns()));
        String runId = exchange.getProperty(IngestProgress.RUN_ID, String.class);
        String loadedAt = exchange.getProperty(IngestProgress.LOADED_AT, String.class);
        byte[] tail = (",\"" + (runId == null ? "" : runId.replace("\"", "\"\"")) + "\"," + loadedAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
        HourText hours = new HourText();
        return (rows, i, data, start, end, out) -> {
            try {
                writer.write(data, start, end - start, out);
            } catch (IOException e) {
                throw badRow(rows, i, e.getMessage() == null ? "not a flat JSON object" : firstLine(e.getMessage()));
            }
            out.put((byte) ',');
            byte[] hour = hours.of(rows.rowHours()[i]);
            out.put(hour, 0, hour.length);
            out.put(tail, 0, tail.length);
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return TableSplitter.shorten(nl < 0 ? s : s.substring(0, nl));
    }
}
