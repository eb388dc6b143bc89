package dev.retailpipeline.ingest;

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
                out.put((byte) '"');
                out.put(b, vs, p - vs);
                out.put((byte) '"');
            } else if (c == 't' && literal(b, p, end, "true")) {
                p += 4;
                putAscii(out, "\"true\"");
            } else if (c == 'f' && literal(b, p, end, "false")) {
                p += 5;
                putAscii(out, "\"false\"");
            } else if (c == 'n' && literal(b, p, end, "null")) {
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

    static int ws(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            p++;
        }
        return p;
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
                    for (int i = p + 2; i < p + 6; i++) {
                        if (Character.digit(b[i], 16) < 0) {
                            throw new Invalid("invalid \\u escape in a string");
                        }
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

    private static int number(byte[] b, int p, int end) throws Invalid {
        if (b[p] == '-') {
            p++;
        }
        if (p >= end || !digit(b[p])) {
            throw new Invalid("invalid number");
        }
        if (b[p] == '0') {
            p++;
        } else {
            while (p < end && digit(b[p])) {
                p++;
            }
        }
        if (p < end && b[p] == '.') {
            p++;
            if (p >= end || !digit(b[p])) {
                throw new Invalid("invalid number");
            }
            while (p < end && digit(b[p])) {
                p++;
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if (p >= end || !digit(b[p])) {
                throw new Invalid("invalid number");
            }
            while (p < end && digit(b[p])) {
                p++;
            }
        }
        return p;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean literal(byte[] b, int p, int end, String word) {
        if (p + word.length() > end) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[p + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void putAscii(ByteBuf out, String s) {
        out.ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.bytes[out.size++] = (byte) s.charAt(i);
        }
    }
}
