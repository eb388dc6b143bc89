package dev.retailpipeline.generator;

/** A small mutable splitmix64 stream, reset from a hash; reused to avoid allocation in the hot loop. */
final class Rng {
    private long state;

    Rng reset(long seed) {
        state = seed;
        return this;
    }

    long next() {
        return Hash.mix(state += Hash.GOLDEN);
    }

    double unit() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    /** Uniform int in [0, n), 0 < n < 2^31. */
    int below(int n) {
        return (int) (((next() >>> 33) * n) >>> 31);
    }

    long below(long n) {
        return (long) (unit() * n);
    }

    int between(int lo, int hiInclusive) {
        return lo + below(hiInclusive - lo + 1);
    }

    boolean chance(double p) {
        return unit() < p;
    }

    <T> T pick(T[] values) {
        return values[below(values.length)];
    }
}
