package dev.retailpipeline.generator;

/**
 * Fixed settings of the simulated shop.
 *
 * @param startHour epoch hour (hours since 1970-01-01T00Z, UTC) in which the shop opens; earlier hours are empty
 */
public record GeneratorConfig(long startHour) {
}
