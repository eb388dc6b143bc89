package dev.retailpipeline.ingest;

import java.util.Arrays;

/**
 * The JSON grammar's tokens at a byte index, for the two one-pass scanners of the bulk formats ({@link FlatJson} for
 * NDJSON, {@link CsvRowWriter} for CSV): each method returns the index after the token, or -1 when the bytes there are
 * not one. No objects, no exceptions: the scanners say what was wrong.
 */
final class JsonTokens {

    static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonTokens() {
    }

    /** The index of the first byte from {@code p} that is not JSON whitespace. */
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

    /** The index after the JSON number at {@code p}, or -1 if it is not one. */
    static int number(byte[] b, int p, int end) {
        if (b[p] == '-') {
            p++;
        }
        if (p >= end || !digit(b[p])) {
            return -1;
        }
        if (b[p] == '0') {
            p++;
        } else {
            p = digits(b, p, end);
        }
        if (p < end && b[p] == '.') {
            p++;
            if (p >= end || !digit(b[p])) {
                return -1;
            }
            p = digits(b, p, end);
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if (p >= end || !digit(b[p])) {
                return -1;
            }
            p = digits(b, p, end);
        }
        return p;
    }

    /** The value of the four hex digits at {@code p}, or -1. */
    static int hex4(byte[] b, int p, int end) {
        if (p + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + 4; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /**
     * Whether the literal {@code word} ({@link #TRUE}, {@link #FALSE}, {@link #NULL}) is at {@code p}, followed by the
     * end, whitespace, ',' or '}' ({@code truex} is not {@code true}: Jackson reads it as one token).
     */
    static boolean literal(byte[] b, int p, int end, byte[] word) {
        int e = p + word.length;
        if (e > end || !Arrays.equals(b, p, e, word, 0, word.length)) {
            return false;
        }
        if (e == end) {
            return true;
        }
        byte c = b[e];
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int digits(byte[] b, int p, int end) {
        while (p < end && digit(b[p])) {
            p++;
        }
        return p;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
