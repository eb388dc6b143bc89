package dev.retailpipeline;

import java.time.Clock;
import java.util.List;

import dev.retailpipeline.run.RunCoordinator;
import dev.retailpipeline.web.AllowedHosts;
import dev.retailpipeline.web.ErrorResponses;
import dev.retailpipeline.web.Health;
import dev.retailpipeline.web.HttpServerSetup;
import dev.retailpipeline.web.Metrics;
import dev.retailpipeline.web.WriteGuard;
import dev.retailpipeline.web.WriteToken;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * HTTP: the guards of writes (host names, token), the JSON error answers, health and metrics, the Vert.x instance the
 * server runs on, and the live reloading of the external routes folder.
 */
final class HttpWiring {

    private HttpWiring() {
    }

    /** Binds the HTTP beans; returns the write token, whose need the page shows. */
    static WriteToken bind(CamelContext context, Settings settings, WarehouseWiring.Beans store,
                           RunCoordinator coordinator, Clock clock) throws Exception {
        Registry registry = context.getRegistry();
        // the host names requests may be addressed to (against DNS rebinding): every request on loopback, writes always
        AllowedHosts hosts = new AllowedHosts(settings.text("camel.server.host", "127.0.0.1"),
                List.of(settings.text("http.allowed-hosts", "").split(",")));
        registry.bind("allowedHosts", hosts);
        registry.bind("writeGuard", new WriteGuard(hosts));
        WriteToken token = new WriteToken(settings.text("api.token", ""));
        registry.bind("writeToken", token);
        registry.bind("errorResponses", new ErrorResponses());
        registry.bind("health", new Health(store.warehouse(), coordinator, store.ledger()));
        registry.bind("metrics", new Metrics(store.warehouse(), store.ledger().database(), coordinator, clock));
        // the Vert.x instance the server runs on (Camel's server looks it up as "vertx"), with what Camel has no
        // option for, and the Host check and JSON error pages set once the server listens (see HttpServerSetup);
        // closed with the context
        HttpServerSetup setup = new HttpServerSetup(context, settings.integer("http.idle-timeout-seconds", 30), hosts);
        registry.bind("httpServerSetup", setup);
        context.addStartupListener(setup);
        registry.bind("vertx", setup.vertx());
        // live reloading of the external routes folder (routes.dir), keeping a file's previous routes when its new
        // version does not load; a service of the context, started and stopped with it
        RouteReload reload = new RouteReload(settings.text("routes.dir", "routes"),
                settings.text("routes.reload-pattern", "*.camel.yaml"));
        if (settings.flag("routes.reload-enabled", true)) {
            context.addService(reload, true, true);
        }
        registry.bind("routeReload", reload);
        return token;
    }
}
