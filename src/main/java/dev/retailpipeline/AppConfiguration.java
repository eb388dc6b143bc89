package dev.retailpipeline;

import java.time.Clock;

import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.generator.api.GeneratorApi;
import dev.retailpipeline.generator.api.GeneratorDefaults;
import dev.retailpipeline.web.ErrorResponses;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** Binds the beans the YAML routes call by name; every value comes from application.properties. */
@Configuration
public class AppConfiguration {

    @BindToRegistry("clock")
    public Clock clock() {
        return Clock.systemUTC();
    }

    @BindToRegistry("retailGenerator")
    public RetailGenerator retailGenerator(@PropertyInject("generator.start") String start) {
        return new RetailGenerator(new GeneratorConfig(ShopHours.parse(start)));
    }

    @BindToRegistry("generatorDefaults")
    public GeneratorDefaults generatorDefaults(@PropertyInject("generator.seed") long seed,
                                               @PropertyInject("generator.scale") double scale,
                                               @PropertyInject("generator.dirty") double dirty,
                                               @PropertyInject("generator.start") String start,
                                               @PropertyInject("generator.max-scale") double maxScale,
                                               @PropertyInject("generator.max-range-hours") int maxRangeHours) {
        return new GeneratorDefaults(seed, scale, dirty, ShopHours.parse(start), maxScale, maxRangeHours);
    }

    @BindToRegistry("generatorApi")
    public GeneratorApi generatorApi(@org.apache.camel.BeanInject("retailGenerator") RetailGenerator generator,
                                     @org.apache.camel.BeanInject("generatorDefaults") GeneratorDefaults defaults,
                                     @org.apache.camel.BeanInject("clock") Clock clock) {
        return new GeneratorApi(generator, defaults, clock);
    }

    @BindToRegistry("errorResponses")
    public ErrorResponses errorResponses() {
        return new ErrorResponses();
    }
}
