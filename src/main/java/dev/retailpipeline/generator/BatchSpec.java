package dev.retailpipeline.generator;

/**
 * What to generate: one hour of the shop for one seed.
 *
 * @param seed  selects the simulated world; the same seed always gives the same data
 * @param hour  epoch hour (hours since 1970-01-01T00Z, UTC)
 * @param scale volume multiplier, greater than 0 (1 is about 40 orders an hour on an ordinary afternoon)
 * @param dirty rate of injected dirty rows per kind, 0..1 (0 is a perfectly clean batch)
 */
public record BatchSpec(long seed, long hour, double scale, double dirty) {
    public BatchSpec {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a number greater than 0, was " + scale);
        }
        if (!(dirty >= 0 && dirty <= 1)) {
            throw new IllegalArgumentException("dirty must be a rate between 0 and 1, was " + dirty);
        }
    }
}
