package dev.retailpipeline.generator;

/** splitmix64-based hashing: every generated value is hash(seed, kind of entity, id, purpose). */
final class Hash {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    // kinds of entity, so that the same id in two tables draws independent values
    static final long STORE = 1;
    static final long CUSTOMER = 2;
    static final long CUSTOMER_EVENT = 3;
    static final long PRODUCT = 4;
    static final long PRODUCT_EVENT = 5;
    static final long ORDER = 6;
    static final long ORDER_EVENT = 7;
    static final long COUNT = 8;
    static final long LIFECYCLE = 9;
    static final long DIRT = 10;
    static final long POPULARITY = 11;
    static final long PROPENSITY = 12;
    static final long ARRIVAL = 13;

    private Hash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long kind, long id) {
        return mix(mix(seed * GOLDEN + kind) + id * 0xD1B54A32D192ED03L);
    }

    static long of(long seed, long kind, long id, long purpose) {
        return withPurpose(of(seed, kind, id), purpose);
    }

    /** of(seed, kind, id, purpose) from of(seed, kind, id): for many purposes of one id. */
    static long withPurpose(long ofSeedKindId, long purpose) {
        return mix(ofSeedKindId ^ (purpose * GOLDEN + 0x632BE59BD9B4E019L));
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long x) {
        return (x >>> 11) * 0x1.0p-53;
    }

    /** A uniform long in [0, n) from a hash, n > 0. */
    static long below(long x, long n) {
        return (long) (unit(x) * n);
    }
}
