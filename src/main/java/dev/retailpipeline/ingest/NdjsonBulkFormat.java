package dev.retailpipeline.ingest;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;

/**
 * DuckDB's bulk format: one flat JSON object per line, every number and boolean turned into a string holding
 * its exact text ({@code 12.30} to {@code "12.30"}), so a varchar column read by {@code read_json} receives
 * the source text as sent, and the row's batch hour added as {@code "_batch_hour"}.
 */
public final class NdjsonBulkFormat extends BulkFormat {

    static final String HOUR_KEY = "_batch_hour";
    private static final byte[] HOUR_FIELD = (",\"" + HOUR_KEY + "\":\"").getBytes(StandardCharsets.US_ASCII);

    @Override
    protected Rows rows(Exchange exchange, RawTable table) {
        HourText hours = new HourText();
        return (rows, i, data, start, end, out) -> {
            try {
                int after = FlatJson.copyQuoted(data, start, end, out);
                if (JsonTokens.ws(data, after, end) != end) {
                    throw badRow(rows, i, "text after the row's closing brace");
                }
            } catch (FlatJson.Invalid e) {
                throw badRow(rows, i, e.getMessage());
            }
            out.size--; // the row's closing brace: the batch hour goes before it
            boolean empty = out.bytes[out.size - 1] == '{';
            out.put(HOUR_FIELD, empty ? 1 : 0, HOUR_FIELD.length - (empty ? 1 : 0));
            byte[] hour = hours.of(rows.rowHours()[i]);
            out.put(hour, 0, hour.length);
            out.put((byte) '"');
            out.put((byte) '}');
            out.put((byte) '\n');
        };
    }
}
