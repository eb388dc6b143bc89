package dev.retailpipeline.generator;

import java.math.BigInteger;

/**
 * Which entities change, and when, enumerable per hour without scanning the population.
 *
 * <p>Entity k belongs to class c = k mod C and has index m = k / C. Classes below periods.length change every
 * P_c hours (P_c prime), at the hours h with h = phase(k) (mod P_c), where phase(k) = m * A_c mod P_c. As A_c is
 * invertible mod P_c, the entities of class c changing at hour h are m = (h mod P_c) * A_c^-1 + j * P_c, so
 * enumerating an hour's changes costs O(changes). The other classes never change.
 */
final class ChangeSchedule {
    private final int classes;
    private final long[] periods;
    private final long[] multipliers;
    private final long[] inverses;

    ChangeSchedule(long seed, long kind, int classes, int[] periodDays) {
        this.classes = classes;
        this.periods = new long[periodDays.length];
        this.multipliers = new long[periodDays.length];
        this.inverses = new long[periodDays.length];
        for (int c = 0; c < periodDays.length; c++) {
            BigInteger p = BigInteger.valueOf(periodDays[c] * 24L).nextProbablePrime();
            periods[c] = p.longValueExact();
            multipliers[c] = 1 + Hash.below(Hash.of(seed, kind, c, 99), periods[c] - 1);
            inverses[c] = BigInteger.valueOf(multipliers[c]).modInverse(p).longValueExact();
        }
    }

    /** The hours between k's changes, 0 if k never changes. */
    long period(long k) {
        int c = (int) (k % classes);
        return c < periods.length ? periods[c] : 0;
    }

    private long phase(long k) {
        int c = (int) (k % classes);
        long m = k / classes;
        return (m % periods[c]) * multipliers[c] % periods[c];
    }

    /** The hour of k's first change after sinceHour, or Long.MAX_VALUE if k never changes. */
    long firstEvent(long k, long sinceHour) {
        long p = period(k);
        if (p == 0) {
            return Long.MAX_VALUE;
        }
        long from = sinceHour + 1;
        return from + Math.floorMod(phase(k) - from, p);
    }

    /** Number of changes of k in (sinceHour, h]. */
    int eventsBy(long k, long sinceHour, long h) {
        long first = firstEvent(k, sinceHour);
        if (h < first) {
            return 0;
        }
        return (int) ((h - first) / period(k) + 1);
    }

    /** The hour of k's change number j (0-based) after sinceHour. */
    long eventHour(long k, long sinceHour, int j) {
        return firstEvent(k, sinceHour) + j * period(k);
    }

    interface Sink {
        void accept(long k);
    }

    /** Every k below limit whose change schedule hits hour h (the caller checks that k existed before h). */
    void forEachAt(long h, long limit, Sink sink) {
        for (int c = 0; c < periods.length; c++) {
            long p = periods[c];
            long m = Math.floorMod(h, p) * inverses[c] % p;
            for (long k = c + classes * m; k < limit; k += classes * p) {
                sink.accept(k);
            }
        }
    }
}
