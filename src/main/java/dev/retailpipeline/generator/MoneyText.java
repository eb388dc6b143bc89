package dev.retailpipeline.generator;

/** Cents as the text of a decimal with two places ("-12.30"), without BigDecimal. */
final class MoneyText {
    private MoneyText() {
    }

    /** Writes cents as a decimal with two places ("-12.30") into buf; returns the length. */
    static int money(long cents, char[] buf) {
        int pos = buf.length;
        boolean negative = cents < 0;
        long v = Math.abs(cents);
        buf[--pos] = (char) ('0' + v % 10);
        v /= 10;
        buf[--pos] = (char) ('0' + v % 10);
        v /= 10;
        buf[--pos] = '.';
        do {
            buf[--pos] = (char) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        if (negative) {
            buf[--pos] = '-';
        }
        int len = buf.length - pos;
        System.arraycopy(buf, pos, buf, 0, len);
        return len;
    }

    static String money(long cents) {
        char[] b = new char[24];
        return new String(b, 0, money(cents, b));
    }
}
