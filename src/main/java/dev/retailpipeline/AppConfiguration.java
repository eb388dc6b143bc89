package dev.retailpipeline;

import java.nio.file.Path;
import java.time.Clock;

import dev.retailpipeline.run.RunCoordinator;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.web.WriteToken;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;

/**
 * Binds the beans the YAML routes call by name, area by area in the order they need each other, every value read
 * from application.properties ({@link Settings}); what happens at start besides is {@link StartUp}'s.
 *
 * <table>
 *   <tr><td>{@link GeneratorWiring}</td><td>the generator and its HTTP API</td></tr>
 *   <tr><td>{@link WarehouseWiring}</td><td>the warehouse, the chunk's transaction, the run ledger, the watermark</td></tr>
 *   <tr><td>{@link RunWiring}</td><td>triggers, a chunk's steps, its load and its SQL chain</td></tr>
 *   <tr><td>{@link HttpWiring}</td><td>guards, error answers, health, metrics, the HTTP server, live reload</td></tr>
 *   <tr><td>{@link DashboardWiring}</td><td>the page's analytics, settings and files</td></tr>
 * </table>
 * (Explicit binding rather than {@code @BindToRegistry} methods: Camel orders those by reading the list it sorts, and
 * a new bean could reorder the others.)
 */
@Configuration
public class AppConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Settings settings = new Settings(context);
        Path models = StartUp.checkSettings(settings);
        // a clock bound before start (a test's) is the one every bean reads
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        if (clock == null) {
            clock = Clock.systemUTC();
            registry.bind("clock", clock);
        }
        RangeRules rules = GeneratorWiring.bind(registry, settings, clock);
        WarehouseWiring.Beans store = WarehouseWiring.bind(registry, settings, models);
        StartUp.prepare(store, clock);
        RunCoordinator coordinator = RunWiring.bind(registry, settings, store, rules, clock);
        WriteToken token = HttpWiring.bind(context, settings, store, coordinator, clock);
        DashboardWiring.bind(registry, settings, store, token, clock);
    }
}
