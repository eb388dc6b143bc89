package dev.retailpipeline.generator;

/**
 * Fixed settings of the simulated shop and of its generator.
 *
 * @param startHour epoch hour (hours since 1970-01-01T00Z, UTC) in which the shop opens; earlier hours are empty
 * @param threads   worker threads that build and serialize the hours of a range in parallel (at least 1; 1 runs a
 *                  range on the caller's thread alone). The output does not depend on it.
 */
public record GeneratorConfig(long startHour, int threads) {
    public GeneratorConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    /** A shop opening at startHour, generating ranges on as many threads as the machine has processors. */
    public GeneratorConfig(long startHour) {
        this(startHour, Runtime.getRuntime().availableProcessors());
    }
}
