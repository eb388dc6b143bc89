package dev.retailpipeline.generator.api;

/** The generator's configured defaults and request limits (generator.* properties; ranges: range.max-hours). */
public record GeneratorDefaults(long seed, double scale, double dirty, long startHour, double maxScale) {
}
