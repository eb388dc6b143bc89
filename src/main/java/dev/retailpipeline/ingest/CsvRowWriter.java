package dev.retailpipeline.ingest;

import static dev.retailpipeline.ingest.JsonTokens.hex4;
import static dev.retailpipeline.ingest.JsonTokens.literal;
import static dev.retailpipeline.ingest.JsonTokens.number;
import static dev.retailpipeline.ingest.JsonTokens.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Marshals flat JSON rows into CSV fields for PostgreSQL's COPY (FORMAT csv), with Jackson's streaming parser:
 * fields in the table's column order whatever the key order, number text kept as sent, strings unescaped
 * and quoted only when needed, null (or a missing key) as an unquoted empty field, an empty string as
 * {@code ""}. NUL characters, which PostgreSQL text cannot hold, become U+FFFD.
 *
 * <p>Rows as the generator writes them take a hand-written scanner ({@link #fast}) that copies the bytes of
 * each value straight into the CSV; whatever it does not cover (and every invalid row) goes through Jackson,
 * which gives the same text and the same errors as the scanner where both apply.
 *
 * <p>Why hand-written (and long): on PostgreSQL's load path it writes 1.8 to 3.2 million order_items rows a second on
 * this project's 2-core machine, Jackson alone 0.56 to 0.70 million, 2.5x to 4.8x slower ({@code CsvRowWriterBenchmark}
 * in the test tree, warm passes).
 */
final class CsvRowWriter {
    private final JsonFactory factory;
    private final Map<String, Integer> index = new HashMap<>();
    private final int width;
    private char[] scratch = new char[1024];
    private final int[] start;
    private final int[] len;
    private final byte[][] keys;
    private final byte[] kind;
    private final ByteBuf decoded = new ByteBuf(256);

    CsvRowWriter(JsonFactory factory, List<RawTable.Column> columns) {
        this.factory = factory;
        this.width = columns.size();
        for (int i = 0; i < width; i++) {
            index.put(columns.get(i).jsonKey(), i);
        }
        start = new int[width];
        len = new int[width];
        keys = new byte[width][];
        for (int i = 0; i < width; i++) {
            keys[i] = columns.get(i).jsonKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        kind = new byte[width];
    }

    /**
     * Parses the row in {@code b[off, off+n)} and appends its CSV fields (no line end) to {@code out}; on an
     * IOException (not a flat JSON object) {@code out} may hold part of the row.
     */
    void write(byte[] b, int off, int n, ByteBuf out) throws IOException {
        if (!fast(b, off, off + n, out)) {
            writeWithJackson(b, off, n, out);
        }
    }

    void writeWithJackson(byte[] b, int off, int n, ByteBuf out) throws IOException {
        java.util.Arrays.fill(len, -1);
        int used = 0;
        try (JsonParser p = factory.createParser(b, off, n)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the row is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                Integer col = index.get(p.currentName());
                t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    throw new IOException("nested object or array in a row (rows are flat)");
                }
                if (col == null || t == JsonToken.VALUE_NULL) {
                    if (col != null) {
                        len[col] = -1;
                    }
                    continue;
                }
                int l = p.getTextLength();
                if (used + l > scratch.length) {
                    scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, used + l));
                }
                System.arraycopy(p.getTextCharacters(), p.getTextOffset(), scratch, used, l);
                start[col] = used;
                len[col] = l;
                used += l;
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("the row is cut off");
            }
            if (p.nextToken() != null) {
                throw new IOException("text after the row object");
            }
        }
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            if (len[i] >= 0) {
                field(scratch, start[i], len[i], out);
            }
        }
    }

    private static void field(char[] c, int s, int l, ByteBuf out) {
        boolean quote = l == 0;
        for (int i = s; i < s + l && !quote; i++) {
            char ch = c[i];
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        out.ensure(l * 3 + 2 + (quote ? l : 0));
        byte[] a = out.bytes;
        int n = out.size;
        if (quote) {
            a[n++] = '"';
        }
        for (int i = s; i < s + l; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                if (ch == 0) {
                    a[n++] = (byte) 0xEF;
                    a[n++] = (byte) 0xBF;
                    a[n++] = (byte) 0xBD;
                    continue;
                }
                if (ch == '"') {
                    a[n++] = '"';
                }
                a[n++] = (byte) ch;
            } else if (ch < 0x800) {
                a[n++] = (byte) (0xC0 | (ch >> 6));
                a[n++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < s + l && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                a[n++] = (byte) (0xF0 | (cp >> 18));
                a[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                a[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                a[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(ch)) {
                    ch = '\uFFFD';
                }
                a[n++] = (byte) (0xE0 | (ch >> 12));
                a[n++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                a[n++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        if (quote) {
            a[n++] = '"';
        }
        out.size = n;
    }
    // ---- the fast path: a hand-written scanner of one flat object --------------------------------------------

    /** Kinds of a column's value found by {@link #scan}. */
    private static final byte MISSING = 0;
    private static final byte RAW = 1;
    private static final byte QUOTED_RAW = 2;
    private static final byte ESCAPED = 3;
    private static final int MAX_NUMBER = 900;

    /**
     * Scans the row in {@code b[p, end)} by hand and, if {@code out} is not null, appends its CSV fields. Covers
     * the rows Jackson reads to the same text: ASCII keys without escapes, strings of well-formed UTF-8 with
     * the simple escapes and {@code \}{@code uXXXX} outside the surrogates, numbers of at most 900 characters,
     * true, false, null. Returns false, leaving {@code out} as it was, on anything else (including every
     * grammar error), for Jackson to marshal or reject.
     */
    private boolean fast(byte[] b, int p, int end, ByteBuf out) {
        java.util.Arrays.fill(kind, MISSING);
        p = ws(b, p, end);
        if (p >= end || b[p] != '{') {
            return false;
        }
        p = ws(b, p + 1, end);
        if (p >= end) {
            return false;
        }
        int next = 0;
        if (b[p] != '}') {
            while (true) {
                // key: plain ASCII, no escapes
                if (b[p] != '"') {
                    return false;
                }
                int ks = p + 1;
                int q = ks;
                while (q < end && b[q] != '"') {
                    byte c = b[q];
                    if (c == '\\' || c < 0x20) {
                        return false;
                    }
                    q++;
                }
                if (q >= end) {
                    return false;
                }
                int col = column(b, ks, q, next);
                p = ws(b, q + 1, end);
                if (p >= end || b[p] != ':') {
                    return false;
                }
                p = ws(b, p + 1, end);
                if (p >= end) {
                    return false;
                }
                byte c = b[p];
                int vs;
                int ve;
                byte k;
                if (c == '"') {
                    vs = p + 1;
                    q = vs;
                    boolean escaped = false;
                    boolean comma = false;
                    while (true) {
                        if (q >= end) {
                            return false;
                        }
                        c = b[q];
                        if (c == '"') {
                            break;
                        }
                        if (c == '\\') {
                            if (q + 1 >= end) {
                                return false;
                            }
                            byte e = b[q + 1];
                            if (e == 'u') {
                                int cp = hex4(b, q + 2, end);
                                if (cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                                    return false;
                                }
                                q += 6;
                            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                                    || e == 'r' || e == 't') {
                                q += 2;
                            } else {
                                return false;
                            }
                            escaped = true;
                            continue;
                        }
                        if (c >= 0x20) {
                            comma |= c == ',';
                            q++;
                        } else if (c >= 0) {
                            return false;
                        } else {
                            q = utf8(b, q, end);
                            if (q < 0) {
                                return false;
                            }
                        }
                    }
                    ve = q;
                    p = q + 1;
                    k = escaped ? ESCAPED : (comma || ve == vs) ? QUOTED_RAW : RAW;
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    vs = p;
                    p = number(b, p, end);
                    if (p < 0 || p - vs > MAX_NUMBER) {
                        return false;
                    }
                    ve = p;
                    k = RAW;
                } else if (c == 't' && literal(b, p, end, JsonTokens.TRUE)) {
                    vs = p;
                    p += 4;
                    ve = p;
                    k = RAW;
                } else if (c == 'f' && literal(b, p, end, JsonTokens.FALSE)) {
                    vs = p;
                    p += 5;
                    ve = p;
                    k = RAW;
                } else if (c == 'n' && literal(b, p, end, JsonTokens.NULL)) {
                    vs = p;
                    p += 4;
                    ve = p;
                    k = MISSING;
                } else {
                    return false;
                }
                if (col >= 0) {
                    kind[col] = k;
                    start[col] = vs;
                    len[col] = ve - vs;
                    next = col + 1;
                }
                p = ws(b, p, end);
                if (p >= end) {
                    return false;
                }
                if (b[p] == ',') {
                    p = ws(b, p + 1, end);
                    if (p >= end) {
                        return false;
                    }
                } else if (b[p] == '}') {
                    break;
                } else {
                    return false;
                }
            }
        }
        if (ws(b, p + 1, end) != end) {
            return false;
        }
        emit(b, out);
        return true;
    }

    /** The column of the key in {@code b[s, e)}, trying {@code guess} (the column after the last) first; -1 if none. */
    private int column(byte[] b, int s, int e, int guess) {
        if (guess < width && java.util.Arrays.equals(b, s, e, keys[guess], 0, keys[guess].length)) {
            return guess;
        }
        for (int i = 0; i < width; i++) {
            if (java.util.Arrays.equals(b, s, e, keys[i], 0, keys[i].length)) {
                return i;
            }
        }
        return -1;
    }

    private void emit(byte[] b, ByteBuf out) {
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            switch (kind[i]) {
                case RAW -> out.put(b, start[i], len[i]);
                case QUOTED_RAW -> {
                    out.ensure(len[i] + 2);
                    out.bytes[out.size++] = '"';
                    System.arraycopy(b, start[i], out.bytes, out.size, len[i]);
                    out.size += len[i];
                    out.bytes[out.size++] = '"';
                }
                case ESCAPED -> unescape(b, start[i], start[i] + len[i], out);
                default -> {
                }
            }
        }
    }

    /** Writes a checked JSON string body with escapes as one CSV field (as {@link #field} would). */
    private void unescape(byte[] b, int p, int end, ByteBuf out) {
        ByteBuf t = decoded;
        t.size = 0;
        boolean quote = false;
        while (p < end) {
            byte c = b[p];
            if (c != '\\') {
                t.put(c);
                quote |= c == ',';
                p++;
                continue;
            }
            byte e = b[p + 1];
            p += 2;
            int ch;
            switch (e) {
                case 'b' -> ch = '\b';
                case 'f' -> ch = '\f';
                case 'n' -> ch = '\n';
                case 'r' -> ch = '\r';
                case 't' -> ch = '\t';
                case 'u' -> {
                    ch = hex4(b, p, end);
                    p += 4;
                }
                default -> ch = e;
            }
            quote |= ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
            if (ch == 0) {
                t.put((byte) 0xEF);
                t.put((byte) 0xBF);
                t.put((byte) 0xBD);
            } else if (ch < 0x80) {
                t.put((byte) ch);
            } else if (ch < 0x800) {
                t.put((byte) (0xC0 | (ch >> 6)));
                t.put((byte) (0x80 | (ch & 0x3F)));
            } else {
                t.put((byte) (0xE0 | (ch >> 12)));
                t.put((byte) (0x80 | ((ch >> 6) & 0x3F)));
                t.put((byte) (0x80 | (ch & 0x3F)));
            }
        }
        quote |= t.size == 0;
        out.ensure(t.size * 2 + 2);
        byte[] a = out.bytes;
        int n = out.size;
        if (quote) {
            a[n++] = '"';
        }
        for (int i = 0; i < t.size; i++) {
            byte c = t.bytes[i];
            if (c == '"') {
                a[n++] = '"';
            }
            a[n++] = c;
        }
        if (quote) {
            a[n++] = '"';
        }
        out.size = n;
    }

    /** The index after the well-formed UTF-8 sequence of two to four bytes at {@code p}, or -1. */
    private static int utf8(byte[] b, int p, int end) {
        int c = b[p] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return -1;
        }
        if (p + n >= end) {
            return -1;
        }
        int c1 = b[p + 1] & 0xFF;
        if (c1 < lo || c1 > hi) {
            return -1;
        }
        for (int i = p + 2; i <= p + n; i++) {
            if ((b[i] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return p + n + 1;
    }
}
