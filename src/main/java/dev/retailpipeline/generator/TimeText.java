package dev.retailpipeline.generator;

/**
 * Fast UTC timestamp text "2026-11-23T14:05:12Z" from epoch seconds. The "2026-11-23T14:" prefix of an hour
 * is computed once and kept in a small direct-mapped cache; one instance per writer (not thread-safe).
 */
final class TimeText {
    private static final int SLOTS = 256;
    private final long[] hours = new long[SLOTS];
    private final char[][] prefixes = new char[SLOTS][];
    private final char[] buf = new char[20];

    /** The 20 characters of the timestamp, in a buffer that the next call overwrites. */
    char[] format(long epochSecond) {
        long hour = Math.floorDiv(epochSecond, 3600);
        int slot = (int) (hour & (SLOTS - 1));
        char[] prefix = prefixes[slot];
        if (prefix == null || hours[slot] != hour) {
            prefix = hourPrefix(hour);
            prefixes[slot] = prefix;
            hours[slot] = hour;
        }
        System.arraycopy(prefix, 0, buf, 0, 14);
        int secOfHour = (int) (epochSecond - hour * 3600);
        int min = secOfHour / 60;
        int sec = secOfHour - min * 60;
        buf[14] = (char) ('0' + min / 10);
        buf[15] = (char) ('0' + min % 10);
        buf[16] = ':';
        buf[17] = (char) ('0' + sec / 10);
        buf[18] = (char) ('0' + sec % 10);
        buf[19] = 'Z';
        return buf;
    }

    String formatString(long epochSecond) {
        return new String(format(epochSecond), 0, 20);
    }

    /** "yyyy-MM-ddTHH:" (14 characters) of an epoch hour, proleptic Gregorian, years 0..9999. */
    static char[] hourPrefix(long epochHour) {
        long days = Math.floorDiv(epochHour, 24);
        int hourOfDay = (int) (epochHour - days * 24);
        // civil-from-days (H. Hinnant)
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        int year = (int) y;
        char[] c = new char[14];
        c[0] = (char) ('0' + year / 1000 % 10);
        c[1] = (char) ('0' + year / 100 % 10);
        c[2] = (char) ('0' + year / 10 % 10);
        c[3] = (char) ('0' + year % 10);
        c[4] = '-';
        c[5] = (char) ('0' + m / 10);
        c[6] = (char) ('0' + m % 10);
        c[7] = '-';
        c[8] = (char) ('0' + d / 10);
        c[9] = (char) ('0' + d % 10);
        c[10] = 'T';
        c[11] = (char) ('0' + hourOfDay / 10);
        c[12] = (char) ('0' + hourOfDay % 10);
        c[13] = ':';
        return c;
    }
}
