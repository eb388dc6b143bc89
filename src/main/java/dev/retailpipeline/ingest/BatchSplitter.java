package dev.retailpipeline.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one hour's NDJSON batch into a {@link StagedBatch}, streaming, line by line.
 *
 * <p>A line is routed by its {@code {"table":"xxx","row":} prefix and its row object is sliced out as bytes
 * and marshalled into the loader's {@link ChunkFormat}; no tree is built per row. Lines written differently
 * (other spacing or key order) take a slower path through Jackson's tree model and are accepted alike.
 * The whole batch is checked before anything is returned: a cut-off line, invalid JSON, an unknown table,
 * or a missing {@code _batch} first line or {@code _summary} last line raise {@link MalformedBatchException}
 * naming the line, so a bad batch never reaches the database.
 *
 * <p>An instance keeps reusable buffers: use one per thread.
 */
public final class BatchSplitter {
    private static final byte[] FAST_PREFIX = "{\"table\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAST_ROW = "\",\"row\":".getBytes(StandardCharsets.US_ASCII);
    private static final int READ_SIZE = 1 << 20;

    private final ChunkFormat format;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private final JsonFactory factory = mapper.getFactory();
    private final Map<RawTable, CsvRowWriter> csvWriters = new EnumMap<>(RawTable.class);

    public BatchSplitter(ChunkFormat format) {
        this.format = format;
        if (format != ChunkFormat.NDJSON) {
            for (RawTable t : RawTable.values()) {
                csvWriters.put(t, new CsvRowWriter(factory, t.columns()));
            }
        }
    }

    public ChunkFormat format() {
        return format;
    }

    /** Splits a batch held in memory. */
    public StagedBatch split(byte[] ndjson) {
        try {
            return split(new java.io.ByteArrayInputStream(ndjson));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one hour's NDJSON to its end (the caller closes the stream) and splits it. */
    public StagedBatch split(InputStream in) throws IOException {
        State st = new State();
        byte[] buf = new byte[READ_SIZE];
        int start = 0;
        int end = 0;
        boolean eof = false;
        while (true) {
            int nl = indexOf(buf, (byte) '\n', start, end);
            if (nl >= 0) {
                st.line(buf, start, nl);
                start = nl + 1;
                continue;
            }
            if (eof) {
                if (start < end) {
                    st.line(buf, start, end);
                }
                break;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return st.finish();
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** The parse state of one batch. */
    private final class State {
        long lineNo;
        LocalDateTime hour;
        JsonNode batch;
        JsonNode summary;
        String summaryJson;
        long summaryLine;
        final Map<RawTable, ByteBuf> data = new EnumMap<>(RawTable.class);
        final Map<RawTable, IntBuf> ends = new EnumMap<>(RawTable.class);
        final Map<RawTable, Long> rows = new EnumMap<>(RawTable.class);

        void line(byte[] b, int s, int e) {
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
            if (summary != null) {
                throw new MalformedBatchException(lineNo, "a line after the _summary line (the summary ends a batch)");
            }
            if (startsWith(b, s, e, FAST_PREFIX)) {
                int ns = s + FAST_PREFIX.length;
                int ne = ns;
                while (ne < e && b[ne] != '"' && b[ne] != '\\') {
                    ne++;
                }
                if (startsWith(b, ne, e, FAST_ROW)) {
                    String table = new String(b, ns, ne - ns, StandardCharsets.UTF_8);
                    int rs = ne + FAST_ROW.length;
                    routeFast(table, b, rs, e);
                    return;
                }
            }
            routeSlow(b, s, e);
        }

        /** The row object runs from {@code rs}; the line must end with the envelope's closing brace. */
        private void routeFast(String table, byte[] b, int rs, int e) {
            RawTable t = target(table);
            if (t == null) {
                if (b[e - 1] != '}') {
                    throw new MalformedBatchException(lineNo, "the " + table + " line is cut off (expected '}' "
                            + "ending the line)");
                }
                routeSpecial(table, parseTree(b, rs, e - 1, table), b, rs, e - 1);
                return;
            }
            ByteBuf out = buffer(t);
            int mark = out.n;
            int after;
            if (format == ChunkFormat.NDJSON) {
                try {
                    after = FlatJson.copyQuoted(b, rs, e, out);
                } catch (FlatJson.Invalid x) {
                    out.n = mark;
                    throw new MalformedBatchException(lineNo, "invalid JSON in a " + table + " row: "
                            + x.getMessage());
                }
                int close = FlatJson.ws(b, after, e);
                if (close != e - 1 || b[close] != '}') {
                    out.n = mark;
                    throw new MalformedBatchException(lineNo, "the " + table + " line is cut off or has text "
                            + "after its row (expected '}' ending the line)");
                }
                out.put((byte) '\n');
            } else if (format == ChunkFormat.JSON_ROWS) {
                int close = e - 1;
                if (b[close] != '}') {
                    throw new MalformedBatchException(lineNo, "the " + table + " line is cut off (expected '}' "
                            + "ending the line)");
                }
                try {
                    csvWriters.get(t).check(b, rs, close - rs);
                } catch (IOException x) {
                    throw new MalformedBatchException(lineNo, "invalid JSON in a " + table + " row: "
                            + firstLine(x.getMessage()), x);
                }
                out.put(b, rs, close - rs);
                ends.computeIfAbsent(t, k -> new IntBuf()).add(out.n);
            } else {
                int close = e - 1;
                if (b[close] != '}') {
                    throw new MalformedBatchException(lineNo, "the " + table + " line is cut off (expected '}' "
                            + "ending the line)");
                }
                try {
                    csvWriters.get(t).write(b, rs, close - rs, out);
                } catch (IOException x) {
                    out.n = mark;
                    throw new MalformedBatchException(lineNo, "invalid JSON in a " + table + " row: "
                            + firstLine(x.getMessage()), x);
                }
                ends.computeIfAbsent(t, k -> new IntBuf()).add(out.n);
            }
            rows.merge(t, 1L, Long::sum);
        }

        private void routeSlow(byte[] b, int s, int e) {
            JsonNode line = parseTree(b, s, e, null);
            JsonNode table = line.get("table");
            JsonNode row = line.get("row");
            if (!line.isObject() || table == null || !table.isTextual() || row == null || !row.isObject()) {
                throw new MalformedBatchException(lineNo, "expected {\"table\": name, \"row\": {...}}");
            }
            String name = table.asText();
            RawTable t = target(name);
            byte[] rowBytes;
            try {
                rowBytes = mapper.writeValueAsBytes(row);
            } catch (IOException x) {
                throw new MalformedBatchException(lineNo, "cannot re-read the row", x);
            }
            if (t == null) {
                routeSpecial(name, row, rowBytes, 0, rowBytes.length);
                return;
            }
            // The envelope is rebuilt in the fast form and routed like any other line.
            ByteBuf one = new ByteBuf(rowBytes.length + 64);
            one.put(FAST_PREFIX, 0, FAST_PREFIX.length);
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            one.put(nb, 0, nb.length);
            one.put(FAST_ROW, 0, FAST_ROW.length);
            int rs = one.n;
            one.put(rowBytes, 0, rowBytes.length);
            one.put((byte) '}');
            routeFast(name, one.a, rs, one.n);
        }

        private RawTable target(String table) {
            RawTable t = RawTable.bySource(table);
            if (t == null && !table.equals("_batch") && !table.equals("_summary")) {
                throw new MalformedBatchException(lineNo, "unknown table \"" + table + "\" (expected one of "
                        + "stores, customers, products, orders, order_items, payments, _batch, _manifest, "
                        + "_summary)");
            }
            if (hour == null && !table.equals("_batch")) {
                throw new MalformedBatchException(lineNo, "expected the _batch line first, found a \"" + table
                        + "\" line");
            }
            return t;
        }

        private void routeSpecial(String table, JsonNode row, byte[] b, int rs, int re) {
            if (!row.isObject()) {
                throw new MalformedBatchException(lineNo, "the row of " + table + " is not a JSON object");
            }
            if (table.equals("_batch")) {
                if (hour != null) {
                    throw new MalformedBatchException(lineNo, "a second _batch line");
                }
                hour = parseHour(row.get("hour"), "_batch");
                batch = row;
            } else {
                LocalDateTime h = parseHour(row.get("hour"), "_summary");
                if (!h.equals(hour)) {
                    throw new MalformedBatchException(lineNo, "the _summary is for hour " + row.get("hour").asText()
                            + " but the _batch line says " + batch.get("hour").asText());
                }
                summary = row;
                summaryJson = new String(b, rs, re - rs, StandardCharsets.UTF_8).strip();
                summaryLine = lineNo;
            }
        }

        private LocalDateTime parseHour(JsonNode node, String where) {
            if (node == null || !node.isTextual()) {
                throw new MalformedBatchException(lineNo, where + " has no \"hour\" text");
            }
            String text = node.asText();
            try {
                if (text.length() == 13 && text.charAt(10) == 'T') {
                    return LocalDateTime.parse(text + ":00:00");
                }
            } catch (DateTimeParseException ignored) {
                // reported below
            }
            throw new MalformedBatchException(lineNo, where + " hour must look like 2026-11-23T14, was " + text);
        }

        private JsonNode parseTree(byte[] b, int s, int e, String table) {
            try {
                JsonNode node = mapper.readTree(factory.createParser(b, s, e - s));
                if (node == null) {
                    throw new MalformedBatchException(lineNo, "empty JSON");
                }
                return node;
            } catch (IOException x) {
                String what = table == null ? "invalid JSON" : "invalid JSON in the " + table + " line";
                throw new MalformedBatchException(lineNo, what + " (cut off?): " + firstLine(x.getMessage()), x);
            }
        }

        private ByteBuf buffer(RawTable t) {
            return data.computeIfAbsent(t, k -> new ByteBuf(64 * 1024));
        }

        StagedBatch finish() {
            if (hour == null) {
                throw new MalformedBatchException(lineNo == 0 ? 0 : 1, "no _batch line: the batch is empty or "
                        + "does not start with {\"table\":\"_batch\",...}");
            }
            if (summary == null) {
                throw new MalformedBatchException(lineNo, "no _summary line at the end: the batch is cut off");
            }
            List<TableChunk> chunks = new ArrayList<>();
            for (RawTable t : RawTable.sourceTables()) {
                chunks.add(chunk(t));
            }
            return new StagedBatch(hour, List.copyOf(chunks), chunk(RawTable.MANIFEST), summary());
        }

        private TableChunk chunk(RawTable t) {
            ByteBuf b = data.get(t);
            IntBuf ie = ends.get(t);
            long n = rows.getOrDefault(t, 0L);
            return new TableChunk(t, n, format, b == null ? new byte[0] : b.a, b == null ? 0 : b.n,
                    format != ChunkFormat.NDJSON ? (ie == null ? new int[0] : ie.toArray()) : null);
        }

        private BatchSummary summary() {
            try {
                Map<String, Long> counts = new LinkedHashMap<>();
                JsonNode r = summary.get("rows");
                if (r != null && r.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        counts.put(f.getKey(), wholeNumber(f.getValue(), "rows." + f.getKey()));
                    }
                }
                return new BatchSummary(wholeNumber(batch.get("seed"), "seed"), decimal(batch.get("scale"), "scale"),
                        decimal(batch.get("dirty"), "dirty"), counts, wholeNumber(summary.get("dirty_rows"),
                        "dirty_rows"), wholeNumber(summary.get("orders_placed"), "orders_placed"),
                        wholeNumber(summary.get("units"), "units"), decimal(summary.get("revenue"), "revenue"),
                        decimal(summary.get("refunds"), "refunds"), summaryJson);
            } catch (IllegalArgumentException x) {
                throw new MalformedBatchException(summaryLine, x.getMessage(), x);
            }
        }
    }

    private static Long wholeNumber(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be a whole number, was " + n);
        }
        return n.asLong();
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, was " + n);
        }
        return n.decimalValue();
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

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A growable int array. */
    static final class IntBuf {
        int[] a = new int[256];
        int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
