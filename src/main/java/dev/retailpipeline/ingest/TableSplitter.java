package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailpipeline.time.HourRange;
import org.apache.camel.ExchangeProperty;

/**
 * The split step of a chunk: reads the chunk's NDJSON batch stream (hour after hour: a {@code _batch} line, the
 * rows table by table, {@code _manifest} lines, a {@code _summary} line) while it arrives and yields the rows
 * table by table ({@link TableRows}): the largest table's rows as soon as the tables together hold {@code flushBytes},
 * the rest at the end of the stream; so memory holds about {@code flushBytes} of rows, whatever the chunk's size and
 * however many tables it has (a bound per table let eight tables hold eight times as much, and a 150 MB heap ran out). Each hour's
 * {@code _batch} and {@code _summary} lines become one row of {@link RawTable#SUMMARY}.
 *
 * <p>The stream must hold exactly the chunk's hours, in order, each whole: a cut-off stream, a missing or extra
 * hour, an unknown table or invalid envelope raises {@link MalformedBatchException} naming the line, and the
 * chunk's transaction loads nothing. Rows themselves are checked by the marshal step that reads them.
 */
public final class TableSplitter {
    private static final byte[] FAST_PREFIX = "{\"table\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAST_ROW = "\",\"row\":".getBytes(StandardCharsets.US_ASCII);
    private static final int READ_SIZE = 1 << 20;
    private static final int MAX_LINE = 64 << 20;

    private final int flushBytes;

    /** @param flushBytes the tables' rows held before the largest is handed on ({@code ingest.split-bytes}) */
    public TableSplitter(int flushBytes) {
        this.flushBytes = flushBytes;
    }

    /** Splits the stream of the chunk's hours; the iterator reads the stream as it is consumed. */
    public Iterator<TableRows> split(InputStream body, @ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                                     @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) {
        if (body == null) {
            throw new MalformedBatchException(0, "the source answered with an empty body");
        }
        return new Cut(body, hours, progress == null ? IngestProgress.NONE : progress);
    }

    private final class Cut implements Iterator<TableRows> {
        private final InputStream in;
        private final HourRange hours;
        private final IngestProgress progress;
        private final ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        private final JsonFactory factory = mapper.getFactory();
        private final Map<RawTable, Rows> tables = new EnumMap<>(RawTable.class);
        private final ArrayDeque<TableRows> ready = new ArrayDeque<>();
        private byte[] buf = new byte[READ_SIZE];
        private int start;
        private int end;
        private boolean eof;
        private boolean finished;
        private long lineNo;
        /** The hour being read (after its _batch line), or -1 between hours. */
        private long hour = -1;
        /** The bytes of rows the tables hold, together. */
        private long buffered;
        private long nextHour;
        private JsonNode batchLine;

        Cut(InputStream in, HourRange hours, IngestProgress progress) {
            this.in = in;
            this.hours = hours;
            this.progress = progress;
            this.nextHour = hours.from();
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && !finished) {
                progress.step("split");
                long t0 = System.nanoTime();
                long reading;
                try {
                    reading = readUntilReady();
                } catch (OutOfMemoryError e) {
                    // an Error would end the run's thread without a word; as an exception it fails the run
                    throw new IllegalStateException("out of memory while splitting the chunk " + hours + ": lower "
                            + "ingest.split-bytes or give the JVM more heap", e);
                }
                progress.timed("fetch", reading);
                progress.timed("split", System.nanoTime() - t0 - reading);
            }
            return !ready.isEmpty();
        }

        @Override
        public TableRows next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        /** Reads lines until some table's rows are due or the stream ends; returns the nanoseconds spent waiting. */
        private long readUntilReady() {
            long waited = 0;
            try {
                while (ready.isEmpty() && !finished) {
                    int nl = indexOf(buf, (byte) '\n', start, end);
                    if (nl >= 0) {
                        line(buf, start, nl);
                        start = nl + 1;
                        continue;
                    }
                    if (eof) {
                        if (start < end) {
                            line(buf, start, end);
                            start = end;
                        }
                        finish();
                        break;
                    }
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buf.length) {
                        if (buf.length >= MAX_LINE) {
                            throw new MalformedBatchException(lineNo + 1, "a line longer than " + MAX_LINE + " bytes");
                        }
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    long t = System.nanoTime();
                    int r = in.read(buf, end, buf.length - end);
                    waited += System.nanoTime() - t;
                    if (r < 0) {
                        eof = true;
                    } else {
                        end += r;
                    }
                }
            } catch (IOException e) {
                throw new SourceBrokeOffException("the stream of the chunk " + hours + " broke off after line " + lineNo
                        + ": " + e.getMessage(), e);
            }
            return waited;
        }

        private void line(byte[] b, int s, int e) {
            lineNo++;
            while (e > s && (b[e - 1] == '\r' || b[e - 1] == ' ' || b[e - 1] == '\t')) {
                e--;
            }
            while (s < e && (b[s] == ' ' || b[s] == '\t')) {
                s++;
            }
            if (s == e) {
                return;
            }
            if (startsWith(b, s, e, FAST_PREFIX)) {
                int ns = s + FAST_PREFIX.length;
                int ne = ns;
                while (ne < e && b[ne] != '"' && b[ne] != '\\') {
                    ne++;
                }
                if (startsWith(b, ne, e, FAST_ROW) && b[e - 1] == '}') {
                    RawTable t = RawTable.bySource(new String(b, ns, ne - ns, StandardCharsets.UTF_8));
                    if (t != null) {
                        add(t, b, ne + FAST_ROW.length, e - 1);
                        return;
                    }
                }
            }
            JsonNode envelope = tree(b, s, e);
            JsonNode table = envelope.get("table");
            JsonNode row = envelope.get("row");
            if (!envelope.isObject() || table == null || !table.isTextual() || row == null || !row.isObject()) {
                throw new MalformedBatchException(lineNo, "expected {\"table\": name, \"row\": {...}}");
            }
            String name = table.asText();
            switch (name) {
                case "_batch" -> batch(row);
                case "_summary" -> summary(row);
                default -> {
                    RawTable t = RawTable.bySource(name);
                    if (t == null) {
                        throw new MalformedBatchException(lineNo, "unknown table \"" + shorten(name) + "\" (expected one of "
                                + "stores, customers, products, orders, order_items, payments, _batch, _manifest, _summary)");
                    }
                    byte[] bytes;
                    try {
                        bytes = mapper.writeValueAsBytes(row);
                    } catch (IOException x) {
                        throw new MalformedBatchException(lineNo, "cannot re-read the row", x);
                    }
                    add(t, bytes, 0, bytes.length);
                }
            }
        }

        private void add(RawTable t, byte[] b, int s, int e) {
            if (hour < 0) {
                throw new MalformedBatchException(lineNo, "a \"" + t.source() + "\" line outside an hour (expected the "
                        + "_batch line first)");
            }
            Rows rows = tables.computeIfAbsent(t, Rows::new);
            rows.add(b, s, e, hour, lineNo);
            buffered += e - s;
            if (buffered >= flushBytes) {
                Rows largest = rows;
                for (Rows other : tables.values()) {
                    if (other.data.size > largest.data.size) {
                        largest = other;
                    }
                }
                buffered -= largest.data.size;
                ready.add(largest.take());
            }
        }

        private void batch(JsonNode row) {
            if (hour >= 0) {
                throw new MalformedBatchException(lineNo, "a _batch line before the _summary of hour "
                        + HourRange.formatHour(hour) + " (the hour is cut off)");
            }
            long h = parseHour(row.get("hour"), "_batch");
            if (nextHour >= hours.to()) {
                throw new MalformedBatchException(lineNo, "hour " + HourRange.formatHour(h) + " is past the chunk " + hours);
            }
            if (h != nextHour) {
                throw new MalformedBatchException(lineNo, nextHour < hours.to()
                        ? "expected hour " + HourRange.formatHour(nextHour) + " of the chunk " + hours + ", got " + HourRange.formatHour(h)
                        : "hour " + HourRange.formatHour(h) + " is past the chunk " + hours);
            }
            hour = h;
            batchLine = row;
        }

        private void summary(JsonNode row) {
            if (hour < 0) {
                throw new MalformedBatchException(lineNo, "a _summary line outside an hour");
            }
            long h = parseHour(row.get("hour"), "_summary");
            if (h != hour) {
                throw new MalformedBatchException(lineNo, "the _summary is for hour " + HourRange.formatHour(h)
                        + " but the _batch line says " + HourRange.formatHour(hour));
            }
            byte[] flat = summaryRow(batchLine, row);
            add(RawTable.SUMMARY, flat, 0, flat.length);
            hour = -1;
            nextHour++;
        }

        /** The summary table's row: the _batch line's seed, scale, dirty and the _summary line's figures. */
        private byte[] summaryRow(JsonNode batch, JsonNode summary) {
            ObjectNode out = mapper.createObjectNode();
            out.set("seed", whole(batch.get("seed"), "seed"));
            out.set("scale", number(batch.get("scale"), "scale"));
            out.set("dirty", number(batch.get("dirty"), "dirty"));
            JsonNode counts = summary.get("rows");
            for (RawTable t : RawTable.sourceTables()) {
                out.set(t.source() + "_rows", whole(counts == null ? null : counts.get(t.source()), "rows." + t.source()));
            }
            out.set("dirty_rows", whole(summary.get("dirty_rows"), "dirty_rows"));
            out.set("orders_placed", whole(summary.get("orders_placed"), "orders_placed"));
            out.set("units", whole(summary.get("units"), "units"));
            out.set("revenue", number(summary.get("revenue"), "revenue"));
            out.set("cost", number(summary.get("cost"), "cost"));
            out.set("refunds", number(summary.get("refunds"), "refunds"));
            out.put("summary_json", summary.toString());
            try {
                return mapper.writeValueAsBytes(out);
            } catch (IOException e) {
                throw new MalformedBatchException(lineNo, "cannot write the summary row", e);
            }
        }

        private JsonNode whole(JsonNode n, String field) {
            if (n == null || n.isNull()) {
                return mapper.nullNode();
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new MalformedBatchException(lineNo, field + " must be a whole number, was " + shorten(n.toString()));
            }
            return n;
        }

        private JsonNode number(JsonNode n, String field) {
            if (n == null || n.isNull()) {
                return mapper.nullNode();
            }
            if (!n.isNumber()) {
                throw new MalformedBatchException(lineNo, field + " must be a number, was " + shorten(n.toString()));
            }
            return n;
        }

        private void finish() {
            if (hour >= 0) {
                throw new MalformedBatchException(lineNo, "the stream ends inside hour " + HourRange.formatHour(hour)
                        + " (no _summary line): it is cut off");
            }
            if (nextHour != hours.to()) {
                throw new MalformedBatchException(lineNo, "the stream ends after " + (nextHour - hours.from()) + " of the "
                        + hours.hours() + " hours of the chunk " + hours + ": it is cut off");
            }
            for (RawTable t : RawTable.values()) {
                Rows rows = tables.get(t);
                if (rows != null && rows.count > 0) {
                    ready.add(rows.take());
                }
            }
            finished = true;
        }

        private long parseHour(JsonNode node, String where) {
            if (node == null || !node.isTextual()) {
                throw new MalformedBatchException(lineNo, where + " has no \"hour\" text");
            }
            try {
                return HourRange.parseHour(node.asText());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new MalformedBatchException(lineNo, where + " hour must look like 2026-11-23T14, was "
                        + shorten(node.asText()));
            }
        }

        private JsonNode tree(byte[] b, int s, int e) {
            try {
                JsonNode node = mapper.readTree(factory.createParser(b, s, e - s));
                if (node == null) {
                    throw new MalformedBatchException(lineNo, "empty JSON");
                }
                return node;
            } catch (IOException x) {
                throw new MalformedBatchException(lineNo, "invalid JSON (cut off?): " + firstLine(x.getMessage()), x);
            }
        }
    }

    /** A table's rows collected so far. */
    private static final class Rows {
        final RawTable table;
        ByteBuf data = new ByteBuf(64 * 1024);
        int[] ends = new int[1024];
        long[] hours = new long[1024];
        long[] lines = new long[1024];
        int count;

        Rows(RawTable table) {
            this.table = table;
        }

        void add(byte[] b, int s, int e, long hour, long line) {
            data.put(b, s, e - s);
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                hours = Arrays.copyOf(hours, count * 2);
                lines = Arrays.copyOf(lines, count * 2);
            }
            ends[count] = data.size;
            hours[count] = hour;
            lines[count] = line;
            count++;
        }

        TableRows take() {
            TableRows rows = new TableRows(table, count, data.bytes, Arrays.copyOf(ends, count), Arrays.copyOf(hours, count),
                    Arrays.copyOf(lines, count));
            data = new ByteBuf(Math.min(data.bytes.length, 1 << 20));
            count = 0;
            return rows;
        }
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int s, int e, byte[] prefix) {
        if (e - s < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[s + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return shorten(nl < 0 ? s : s.substring(0, nl));
    }
}
