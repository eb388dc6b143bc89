package dev.retailpipeline.generator;

/**
 * Slotted arrivals after the opening hour: item j arrives at start + j*period + 1 + offset(j), offset in
 * [0, period-1), so the number of items arrived by an hour is a closed form.
 */
final class Arrivals {
    private final long seed;
    private final long kind;
    private final long start;
    private final int period;

    Arrivals(long seed, long kind, long start, int period) {
        this.seed = seed;
        this.kind = kind;
        this.start = start;
        this.period = period;
    }

    long hourOf(long j) {
        return start + j * period + 1 + Hash.below(Hash.of(seed, Hash.ARRIVAL, j, kind), period - 1);
    }

    /** Items arrived at or before hour h. */
    long countBy(long h) {
        if (h <= start) {
            return 0;
        }
        long full = (h - start) / period;
        return full + (hourOf(full) <= h ? 1 : 0);
    }
}
