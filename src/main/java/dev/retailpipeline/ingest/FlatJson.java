package dev.retailpipeline.ingest;

import static dev.retailpipeline.ingest.JsonTokens.FALSE;
import static dev.retailpipeline.ingest.JsonTokens.NULL;
import static dev.retailpipeline.ingest.JsonTokens.TRUE;
import static dev.retailpipeline.ingest.JsonTokens.hex4;
import static dev.retailpipeline.ingest.JsonTokens.literal;
import static dev.retailpipeline.ingest.JsonTokens.number;
import static dev.retailpipeline.ingest.JsonTokens.ws;

/**
 * A validating copier for one flat JSON object (string keys; values string, number, true, false or null),
 * as the generator's rows are. It checks the JSON grammar byte by byte and writes the object on, with every
 * number and boolean turned into a string holding its exact text ({@code 12.30} to {@code "12.30"}), so a
 * varchar column read by DuckDB's read_json receives the text as sent. Strings are copied as they are
 * (escapes included). Much cheaper than a general parser: one pass, no objects.
 */
final class FlatJson {
    /** Thrown with a short description of the first grammar error. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private FlatJson() {
    }

    /**
     * Copies the object starting at {@code p} (leading whitespace allowed) into {@code out}.
     *
     * @return the index just after the object's closing brace
     */
    static int copyQuoted(byte[] b, int p, int end, ByteBuf out) throws Invalid {
        p = ws(b, p, end);
        if (p >= end || b[p] != '{') {
            throw new Invalid("expected '{' to open the row");
        }
        out.put((byte) '{');
        p = ws(b, p + 1, end);
        if (p < end && b[p] == '}') {
            out.put((byte) '}');
            return p + 1;
        }
        while (true) {
            if (p >= end || b[p] != '"') {
                throw new Invalid(p >= end ? "row cut off" : "expected a quoted key");
            }
            int s = p;
            p = string(b, p, end);
            out.put(b, s, p - s);
            p = ws(b, p, end);
            if (p >= end || b[p] != ':') {
                throw new Invalid(p >= end ? "row cut off" : "expected ':' after a key");
            }
            out.put((byte) ':');
            p = ws(b, p + 1, end);
            if (p >= end) {
                throw new Invalid("row cut off");
            }
            byte c = b[p];
            int vs = p;
            if (c == '"') {
                p = string(b, p, end);
                out.put(b, vs, p - vs);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                p = number(b, p, end);
                if (p < 0) {
                    throw new Invalid("invalid number");
                }
                out.put((byte) '"');
                out.put(b, vs, p - vs);
                out.put((byte) '"');
            } else if (c == 't' && literal(b, p, end, TRUE)) {
                p += 4;
                putAscii(out, "\"true\"");
            } else if (c == 'f' && literal(b, p, end, FALSE)) {
                p += 5;
                putAscii(out, "\"false\"");
            } else if (c == 'n' && literal(b, p, end, NULL)) {
                p += 4;
                putAscii(out, "null");
            } else if (c == '{' || c == '[') {
                throw new Invalid("nested object or array in a row (rows are flat)");
            } else {
                throw new Invalid("invalid value");
            }
            p = ws(b, p, end);
            if (p >= end) {
                throw new Invalid("row cut off");
            }
            if (b[p] == ',') {
                out.put((byte) ',');
                p = ws(b, p + 1, end);
            } else if (b[p] == '}') {
                out.put((byte) '}');
                return p + 1;
            } else {
                throw new Invalid("expected ',' or '}' after a value");
            }
        }
    }

    /** Index after the closing quote of the string opening at {@code p}. */
    static int string(byte[] b, int p, int end) throws Invalid {
        p++;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    break;
                }
                byte e = b[p + 1];
                if (e == 'u') {
                    if (p + 5 >= end) {
                        break;
                    }
                    if (hex4(b, p + 2, end) < 0) {
                        throw new Invalid("invalid \\u escape in a string");
                    }
                    p += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                    throw new Invalid("invalid escape in a string");
                }
                p += 2;
                continue;
            }
            if (c >= 0 && c < 0x20) {
                throw new Invalid("control character inside a string");
            }
            p++;
        }
        throw new Invalid("string cut off");
    }

    private static void putAscii(ByteBuf out, String s) {
        out.ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.bytes[out.size++] = (byte) s.charAt(i);
        }
    }
}
