package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes batches as NDJSON or JSON, straight to UTF-8 bytes. The bytes are exactly those of Jackson's streaming
 * generator with these settings (compact output, no separator between root values,
 * strings escaped as Jackson does by default: {@code \"} {@code \\} {@code \b \t \n \f \r}, other control
 * characters and each UTF-16 surrogate as an upper-case {@code \}{@code uXXXX}, other characters as UTF-8); only
 * the work per value is less. WriterBytesTest holds it to golden outputs in src/test/resources/golden/generator.
 *
 * <p>One instance per output and call (not thread-safe); it never closes the stream. Either it streams to an
 * OutputStream (flushing the stream after each hour), or it writes into an {@link HourBytes} buffer.
 */
final class JsonBatchWriter implements AutoCloseable {
    private static final int FLUSH_AT = 32 * 1024;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 written as is, -1 as {@code \}{@code u00XX}, else the letter after the backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 32; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private static final byte[][] STORES = columns(Tables.STORES);
    private static final byte[][] CUSTOMERS = columns(Tables.CUSTOMERS);
    private static final byte[][] PRODUCTS = columns(Tables.PRODUCTS);
    private static final byte[][] ORDERS = columns(Tables.ORDERS);
    private static final byte[][] ITEMS = columns(Tables.ORDER_ITEMS);
    private static final byte[][] PAYMENTS = columns(Tables.PAYMENTS);
    private static final String[] TABLE_NAMES = {"stores", "customers", "products", "orders", "order_items",
        "payments"};
    /** {"table":"stores","row": ... one per table, then _batch, _manifest and _summary. */
    private static final byte[][] LINE_STARTS = new byte[9][];

    static {
        String[] lines = Arrays.copyOf(TABLE_NAMES, 9);
        lines[6] = "_batch";
        lines[7] = "_manifest";
        lines[8] = "_summary";
        for (int i = 0; i < lines.length; i++) {
            LINE_STARTS[i] = ascii("{\"table\":\"" + lines[i] + "\",\"row\":");
        }
    }

    private static final int BATCH_LINE = 6;
    private static final int MANIFEST_LINE = 7;
    private static final int SUMMARY_LINE = 8;
    /** ,"stores":[ ... the JSON format's array openings; the first one follows the batch object. */
    private static final byte[][] ARRAY_STARTS = new byte[7][];

    static {
        for (int i = 0; i < 6; i++) {
            ARRAY_STARTS[i] = ascii(",\"" + TABLE_NAMES[i] + "\":[");
        }
        ARRAY_STARTS[6] = ascii(",\"manifest\":[");
    }

    private static final byte[] LINE_END = ascii("}\n");
    private static final byte[] JSON_START = ascii("{\"batch\":");
    private static final byte[] JSON_SUMMARY = ascii(",\"summary\":");
    private static final byte[] HOUR_FIELD = ascii("{\"hour\":");
    private static final byte[] SEED = ascii(",\"seed\":");
    private static final byte[] SCALE = ascii(",\"scale\":");
    private static final byte[] DIRTY = ascii(",\"dirty\":");
    private static final byte[] MANIFEST_TABLE = ascii("{\"table\":");
    private static final byte[] KEY = ascii(",\"key\":");
    private static final byte[] KIND = ascii(",\"kind\":");
    private static final byte[] ROWS = ascii(",\"rows\":");
    private static final byte[][] ROW_COUNTS = new byte[6][];

    static {
        for (int i = 0; i < 6; i++) {
            ROW_COUNTS[i] = ascii((i == 0 ? "{\"" : ",\"") + TABLE_NAMES[i] + "\":");
        }
    }

    private static final byte[] DIRTY_ROWS = ascii(",\"dirty_rows\":");
    private static final byte[] ORDERS_PLACED = ascii(",\"orders_placed\":");
    private static final byte[] UNITS = ascii(",\"units\":");
    private static final byte[] REVENUE = ascii(",\"revenue\":");
    private static final byte[] COST = ascii(",\"cost\":");
    private static final byte[] REFUNDS = ascii(",\"refunds\":");
    private static final byte[] SNAPSHOT = ascii(",\"snapshot\":true");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));

    private static final int TIME_SLOTS = 256;
    /** "00" to "99". */
    private static final byte[] PAIRS = new byte[200];
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private final OutputStream out;
    private final HourBytes target;
    private byte[] buf;
    private int pos;
    /**
     * The time prefix cache: slot s holds the prefix of hour prefixHours[s]. An empty slot s holds hour s + 1,
     * which belongs to another slot and so never matches, and a placeholder: the lookup needs no null check (a
     * compiled null check that the first writer never needed traps in the next writer, whose cache is empty).
     */
    private final long[] prefixHours = new long[TIME_SLOTS];
    private final byte[][] prefixes = new byte[TIME_SLOTS][];

    {
        byte[] placeholder = new byte[14];
        for (int s = 0; s < TIME_SLOTS; s++) {
            prefixHours[s] = s + 1;
            prefixes[s] = placeholder;
        }
    }

    /** Streams to out, flushing it after each hour. */
    JsonBatchWriter(OutputStream out) {
        this.out = out;
        this.target = null;
        this.buf = new byte[64 * 1024];
    }

    /** Writes into target's buffer, after what it holds; the bytes are in target after each hour. */
    JsonBatchWriter(HourBytes target) {
        this.out = null;
        this.target = target;
        this.buf = target.buffer();
        this.pos = target.length();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** "c0": then ,"c1": ... for a table's columns. */
    private static byte[][] columns(Tables.Table t) {
        String[] n = t.columnNames();
        byte[][] out = new byte[n.length][];
        for (int i = 0; i < n.length; i++) {
            out[i] = ascii((i == 0 ? "{\"" : ",\"") + n[i] + "\":");
        }
        return out;
    }

    /**
     * The hour as NDJSON lines, then a flush. Each table's lines are written by a method of their own: small
     * loops get compiled early and cheaply, which matters in short runs.
     */
    void writeNdjson(Batch b) throws IOException {
        batchLine(b);
        storeLines(b.stores());
        customerLines(b.customers());
        productLines(b.products());
        ndjsonEnd(b);
    }

    /** The first line of an hour's NDJSON, its _batch line (writeNdjson in parts, for a snapshot made in chunks). */
    void batchLine(Batch b) throws IOException {
        raw(LINE_STARTS[BATCH_LINE]);
        writeBatchInfo(b);
        raw(LINE_END);
    }

    /**
     * The NDJSON lines of an hour after its products: orders, order items, payments, manifest, then the _summary
     * line; then a flush.
     */
    void ndjsonEnd(Batch b) throws IOException {
        orderLines(b.orders());
        itemLines(b.orderItems());
        paymentLines(b.payments());
        manifestLines(b.manifest());
        raw(LINE_STARTS[SUMMARY_LINE]);
        write(b.summary());
        endLine();
        flush();
    }

    void storeLines(List<StoreRow> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            raw(LINE_STARTS[0]);
            write(rows.get(i));
            endLine();
        }
    }

    private void customerLines(List<CustomerRow> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            customerLine(rows.get(i));
        }
    }

    /** One customers line of NDJSON (for rows made one by one, as a snapshot's). */
    void customerLine(CustomerRow row) throws IOException {
        raw(LINE_STARTS[1]);
        write(row);
        endLine();
    }

    private void productLines(List<ProductRow> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            productLine(rows.get(i));
        }
    }

    /** One products line of NDJSON. */
    void productLine(ProductRow row) throws IOException {
        raw(LINE_STARTS[2]);
        write(row);
        endLine();
    }

    private void orderLines(List<OrderRow> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            raw(LINE_STARTS[3]);
            write(rows.get(i));
            endLine();
        }
    }

    private void itemLines(List<OrderItemRow> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            raw(LINE_STARTS[4]);
            write(rows.get(i));
            endLine();
        }
    }

    private void paymentLines(List<PaymentRow> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            raw(LINE_STARTS[5]);
            write(rows.get(i));
            endLine();
        }
    }

    private void manifestLines(List<ManifestEntry> rows) throws IOException {
        for (int i = 0, n = rows.size(); i < n; i++) {
            raw(LINE_STARTS[MANIFEST_LINE]);
            write(rows.get(i));
            endLine();
        }
    }

    /** The hour as one JSON object, then a flush. */
    void writeJson(Batch b) throws IOException {
        raw(JSON_START);
        writeBatchInfo(b);
        raw(ARRAY_STARTS[0]);
        List<StoreRow> stores = b.stores();
        for (int i = 0; i < stores.size(); i++) {
            comma(i);
            write(stores.get(i));
        }
        arrayEnd();
        raw(ARRAY_STARTS[1]);
        List<CustomerRow> customers = b.customers();
        for (int i = 0; i < customers.size(); i++) {
            comma(i);
            write(customers.get(i));
        }
        arrayEnd();
        raw(ARRAY_STARTS[2]);
        List<ProductRow> products = b.products();
        for (int i = 0; i < products.size(); i++) {
            comma(i);
            write(products.get(i));
        }
        arrayEnd();
        raw(ARRAY_STARTS[3]);
        List<OrderRow> orders = b.orders();
        for (int i = 0; i < orders.size(); i++) {
            comma(i);
            write(orders.get(i));
        }
        arrayEnd();
        raw(ARRAY_STARTS[4]);
        List<OrderItemRow> items = b.orderItems();
        for (int i = 0; i < items.size(); i++) {
            comma(i);
            write(items.get(i));
        }
        arrayEnd();
        raw(ARRAY_STARTS[5]);
        List<PaymentRow> payments = b.payments();
        for (int i = 0; i < payments.size(); i++) {
            comma(i);
            write(payments.get(i));
        }
        arrayEnd();
        raw(ARRAY_STARTS[6]);
        List<ManifestEntry> manifest = b.manifest();
        for (int i = 0; i < manifest.size(); i++) {
            comma(i);
            write(manifest.get(i));
        }
        arrayEnd();
        raw(JSON_SUMMARY);
        write(b.summary());
        one('}');
        flush();
    }

    private void comma(int index) throws IOException {
        if (index > 0) {
            one(',');
        }
        if (out != null && pos >= FLUSH_AT) {
            drain();
        }
    }

    private void arrayEnd() throws IOException {
        one(']');
    }

    private void endLine() throws IOException {
        raw(LINE_END);
        if (out != null && pos >= FLUSH_AT) {
            drain();
        }
    }

    private void writeBatchInfo(Batch b) throws IOException {
        raw(HOUR_FIELD);
        hour(b.hour());
        raw(SEED);
        number(b.spec().seed());
        raw(SCALE);
        plain(Double.toString(b.spec().scale()));
        raw(DIRTY);
        plain(Double.toString(b.spec().dirty()));
        one('}');
    }

    private void write(StoreRow r) throws IOException {
        byte[][] c = STORES;
        raw(c[0]);
        number(r.storeId());
        raw(c[1]);
        string(r.name());
        raw(c[2]);
        string(r.channel());
        raw(c[3]);
        string(r.city());
        raw(c[4]);
        string(r.state());
        raw(c[5]);
        string(r.postalCode());
        raw(c[6]);
        string(r.country());
        raw(c[7]);
        time(r.openedAt());
        one('}');
    }

    private void write(CustomerRow r) throws IOException {
        byte[][] c = CUSTOMERS;
        raw(c[0]);
        number(r.customerId());
        raw(c[1]);
        string(r.firstName());
        raw(c[2]);
        string(r.lastName());
        raw(c[3]);
        string(r.email());
        raw(c[4]);
        string(r.phone());
        raw(c[5]);
        string(r.street());
        raw(c[6]);
        string(r.city());
        raw(c[7]);
        string(r.state());
        raw(c[8]);
        string(r.postalCode());
        raw(c[9]);
        string(r.country());
        raw(c[10]);
        string(r.loyaltyTier());
        raw(c[11]);
        time(r.signupAt());
        raw(c[12]);
        time(r.updatedAt());
        one('}');
    }

    private void write(ProductRow r) throws IOException {
        byte[][] c = PRODUCTS;
        raw(c[0]);
        number(r.productId());
        raw(c[1]);
        string(r.sku());
        raw(c[2]);
        string(r.name());
        raw(c[3]);
        string(r.category());
        raw(c[4]);
        string(r.subcategory());
        raw(c[5]);
        string(r.brand());
        raw(c[6]);
        money(r.unitPriceCents());
        raw(c[7]);
        money(r.unitCostCents());
        raw(c[8]);
        raw(r.isActive() ? TRUE : FALSE);
        raw(c[9]);
        time(r.createdAt());
        raw(c[10]);
        time(r.updatedAt());
        one('}');
    }

    private void write(OrderRow r) throws IOException {
        byte[][] c = ORDERS;
        raw(c[0]);
        number(r.orderId());
        raw(c[1]);
        nullableNumber(r.customerId());
        raw(c[2]);
        number(r.storeId());
        raw(c[3]);
        string(r.channel());
        raw(c[4]);
        string(r.status());
        raw(c[5]);
        time(r.orderAt());
        raw(c[6]);
        time(r.updatedAt());
        one('}');
    }

    private void write(OrderItemRow r) throws IOException {
        byte[][] c = ITEMS;
        raw(c[0]);
        number(r.orderItemId());
        raw(c[1]);
        number(r.orderId());
        raw(c[2]);
        number(r.lineNumber());
        raw(c[3]);
        nullableNumber(r.productId());
        raw(c[4]);
        number(r.quantity());
        raw(c[5]);
        money(r.unitPriceCents());
        raw(c[6]);
        money(r.discountCents());
        one('}');
    }

    private void write(PaymentRow r) throws IOException {
        byte[][] c = PAYMENTS;
        raw(c[0]);
        number(r.paymentId());
        raw(c[1]);
        number(r.orderId());
        raw(c[2]);
        string(r.method());
        raw(c[3]);
        string(r.status());
        raw(c[4]);
        if (r.amountCents() == null) {
            raw(NULL);
        } else {
            money(r.amountCents());
        }
        raw(c[5]);
        time(r.paidAt());
        one('}');
    }

    private void write(ManifestEntry m) throws IOException {
        raw(MANIFEST_TABLE);
        string(m.table());
        raw(KEY);
        number(m.key());
        raw(KIND);
        string(m.kind());
        one('}');
    }

    private void write(Summary s) throws IOException {
        raw(HOUR_FIELD);
        hour(s.hour());
        raw(ROWS);
        long[] counts = {s.stores(), s.customers(), s.products(), s.orders(), s.orderItems(), s.payments()};
        for (int i = 0; i < counts.length; i++) {
            raw(ROW_COUNTS[i]);
            number(counts[i]);
        }
        one('}');
        raw(DIRTY_ROWS);
        number(s.dirtyRows());
        raw(ORDERS_PLACED);
        number(s.ordersPlaced());
        raw(UNITS);
        number(s.units());
        raw(REVENUE);
        money(s.revenueCents());
        raw(COST);
        money(s.costCents());
        raw(REFUNDS);
        money(s.refundsCents());
        if (s.snapshot()) {
            raw(SNAPSHOT);
        }
        one('}');
    }

    // ---- values

    private void ensure(int bytes) throws IOException {
        if (bytes > buf.length - pos) {
            makeRoom(bytes);
        }
    }

    private void makeRoom(int bytes) throws IOException {
        if (out != null && pos > 0) {
            drain();
            if (bytes <= buf.length) {
                return;
            }
        }
        long needed = (long) pos + bytes;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("an hour of more than 2 GB");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * buf.length)));
    }

    /** Streaming: hands the buffered bytes to the stream (no flush). */
    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void flush() throws IOException {
        if (out != null) {
            drain();
            out.flush();
        } else {
            target.set(buf, pos);
        }
    }

    private void raw(byte[] bytes) throws IOException {
        int n = bytes.length;
        ensure(n);
        System.arraycopy(bytes, 0, buf, pos, n);
        pos += n;
    }

    private void one(char c) throws IOException {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /** A string known to be plain ASCII without characters to escape. */
    private void plain(String s) throws IOException {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos + i] = (byte) s.charAt(i);
        }
        pos += n;
    }

    private void number(long v) throws IOException {
        ensure(20);
        byte[] b = buf;
        int p = pos;
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                raw(MIN_LONG);
                return;
            }
            b[p++] = '-';
            v = -v;
        }
        pos = digits(v, b, p);
    }

    /** Writes v (at least 0) in decimal at p, two digits at a time; returns the position after it. */
    private static int digits(long v, byte[] b, int p) {
        int end = p + digitCount(v);
        int q = end;
        while (v > Integer.MAX_VALUE) {
            long next = v / 100;
            int pair = (int) (v - next * 100) << 1;
            b[--q] = PAIRS[pair + 1];
            b[--q] = PAIRS[pair];
            v = next;
        }
        int i = (int) v;
        while (i >= 100) {
            int next = i / 100;
            int pair = (i - next * 100) << 1;
            b[--q] = PAIRS[pair + 1];
            b[--q] = PAIRS[pair];
            i = next;
        }
        if (i >= 10) {
            b[--q] = PAIRS[(i << 1) + 1];
            b[--q] = PAIRS[i << 1];
        } else {
            b[--q] = (byte) ('0' + i);
        }
        return end;
    }

    /** Decimal digits of v, at least 0. */
    static int digitCount(long v) {
        int estimate = ((64 - Long.numberOfLeadingZeros(v | 1)) * 1233) >>> 12; // floor(log10(2^bits))
        return Math.max(1, estimate + (v >= POWERS_OF_TEN[estimate] ? 1 : 0));
    }

    private void nullableNumber(Long value) throws IOException {
        if (value == null) {
            raw(NULL);
        } else {
            number(value);
        }
    }

    /** Cents as a JSON number with two decimals: 1234 as 12.34, -5 as -0.05. */
    private void money(long cents) throws IOException {
        ensure(24);
        byte[] b = buf;
        int p = pos;
        long v = Math.abs(cents);
        if (cents < 0) {
            b[p++] = '-';
        }
        long units = v / 100;
        int pair = (int) (v - units * 100) << 1;
        p = digits(units, b, p);
        b[p++] = '.';
        b[p++] = PAIRS[pair];
        b[p++] = PAIRS[pair + 1];
        pos = p;
    }

    /** "2026-11-23T14" of an epoch hour, quoted. */
    private void hour(long epochHour) throws IOException {
        ensure(15);
        buf[pos++] = '"';
        System.arraycopy(prefix(epochHour), 0, buf, pos, 13);
        pos += 13;
        buf[pos++] = '"';
    }

    /** "yyyy-MM-ddTHH:" of an epoch hour as bytes, from a small direct-mapped cache. */
    private byte[] prefix(long hour) {
        int slot = (int) (hour & (TIME_SLOTS - 1));
        if (prefixHours[slot] != hour) {
            return newPrefix(slot, hour);
        }
        return prefixes[slot];
    }

    private byte[] newPrefix(int slot, long hour) {
        char[] c = TimeText.hourPrefix(hour);
        byte[] prefix = new byte[c.length];
        for (int i = 0; i < c.length; i++) {
            prefix[i] = (byte) c[i];
        }
        prefixes[slot] = prefix;
        prefixHours[slot] = hour;
        return prefix;
    }

    /** "2026-11-23T14:05:12Z" of an epoch second, quoted. */
    private void time(long epochSecond) throws IOException {
        ensure(22);
        long hour = Math.floorDiv(epochSecond, 3600);
        byte[] prefix = prefix(hour);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        System.arraycopy(prefix, 0, b, p, 14);
        p += 14;
        int secOfHour = (int) (epochSecond - hour * 3600);
        int min = secOfHour / 60;
        int sec = secOfHour - min * 60;
        b[p++] = (byte) ('0' + min / 10);
        b[p++] = (byte) ('0' + min % 10);
        b[p++] = ':';
        b[p++] = (byte) ('0' + sec / 10);
        b[p++] = (byte) ('0' + sec % 10);
        b[p++] = 'Z';
        b[p++] = '"';
        pos = p;
    }

    /**
     * A JSON string, escaped as Jackson escapes it by default, in UTF-8; null as null. Plain ASCII is copied here;
     * the rest of a string from its first character that needs more goes to {@link #escaped} (kept apart so that
     * this method stays small enough to inline everywhere).
     */
    private void string(String s) throws IOException {
        if (s == null) {
            raw(NULL);
            return;
        }
        int n = s.length();
        ensure(6 * n + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            b[p++] = (byte) c;
        }
        if (i < n) {
            p = escaped(s, i, b, p);
        }
        b[p++] = '"';
        pos = p;
    }

    /** Characters i.. of s, escaped and encoded, at p (room is ensured); returns the position after them. */
    private static int escaped(String s, int i, byte[] b, int p) {
        for (int n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPES[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    if (e > 0) {
                        b[p++] = e;
                    } else {
                        p = hex4(c, b, p);
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                b[p++] = '\\';
                p = hex4(c, b, p);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** u and four upper-case hex digits (the backslash is already written). */
    private static int hex4(char c, byte[] b, int p) {
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** Hands over what is buffered and flushes the stream; never closes it. */
    @Override
    public void close() throws IOException {
        if (out != null && pos == 0) {
            out.flush();
        } else {
            flush();
        }
    }

    static List<String> tableNames() {
        return Tables.names();
    }
}
