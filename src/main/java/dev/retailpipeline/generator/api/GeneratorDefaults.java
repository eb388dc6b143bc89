package dev.retailpipeline.generator.api;

/** The generator's configured defaults and request limits (generator.* properties). */
public record GeneratorDefaults(long seed, double scale, double dirty, long startHour, double maxScale, int maxRangeHours) {
}
