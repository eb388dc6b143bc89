package dev.retailpipeline.ingest;

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
 */
final class CsvRowWriter {
    private final JsonFactory factory;
    private final Map<String, Integer> index = new HashMap<>();
    private final int width;
    private char[] scratch = new char[1024];
    private final int[] start;
    private final int[] len;

    CsvRowWriter(JsonFactory factory, List<RawTable.Column> columns) {
        this.factory = factory;
        this.width = columns.size();
        for (int i = 0; i < width; i++) {
            index.put(columns.get(i).jsonKey(), i);
        }
        start = new int[width];
        len = new int[width];
    }

    /** Parses the row in {@code b[off, off+n)} and appends its CSV fields (no line end) to {@code out}. */
    void write(byte[] b, int off, int n, ByteBuf out) throws IOException {
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
        byte[] a = out.a;
        int n = out.n;
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
        out.n = n;
    }
}
