package dev.retailpipeline;

import java.time.Clock;

import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.api.GeneratorApi;
import dev.retailpipeline.generator.api.GeneratorDefaults;
import dev.retailpipeline.generator.api.HourBuildLimit;
import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.time.RangeRules;
import org.apache.camel.spi.Registry;

/** The generator and its HTTP API (generator-api.camel.yaml): the simulated shop and the rules of what it answers. */
final class GeneratorWiring {

    private GeneratorWiring() {
    }

    /** Binds the generator's beans; returns the range rules, which the runs' planning shares. */
    static RangeRules bind(Registry registry, Settings settings, Clock clock) {
        long shopStart = HourRange.parseHour(settings.text("generator.start"));
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(shopStart));
        RangeRules rules = new RangeRules(shopStart, settings.integer("range.max-hours"), clock);
        GeneratorDefaults defaults = new GeneratorDefaults(
                settings.whole("generator.seed"),
                settings.decimal("generator.scale"),
                settings.decimal("generator.dirty"),
                shopStart,
                settings.decimal("generator.max-scale"));
        HourBuildLimit builds = new HourBuildLimit(
                settings.integer("generator.max-concurrent-hours", 2),
                settings.whole("generator.busy-wait-ms", 10_000));
        registry.bind("retailGenerator", generator);
        registry.bind("rangeRules", rules);
        registry.bind("generatorDefaults", defaults);
        registry.bind("hourBuildLimit", builds);
        registry.bind("generatorApi", new GeneratorApi(generator, defaults, clock, rules,
                settings.integer("generator.max-response-bytes", 16 << 20), builds));
        return rules;
    }
}
