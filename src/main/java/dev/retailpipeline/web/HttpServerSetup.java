package dev.retailpipeline.web;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStopped;
import org.apache.camel.support.CamelContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server Camel's platform-http starts ({@code camel.server.*}) needs and Camel has no option for.
 * Through Camel's and Vert.x's public API, set once the server listens and before any route starts (this is a
 * {@link StartupListener} ordered after Camel's own, which starts the server):
 * <ul>
 *   <li>ahead of every route on the routes' router ({@link VertxPlatformHttpRouter}), a request in an HTTP version
 *       other than 1.0 and 1.1 answered as a JSON 400 instead of an empty 501, and, on a loopback bind, a request
 *       addressed to a host name that is not this server's ({@link AllowedHosts}: a page whose name was rebound to
 *       127.0.0.1 reading the ledger or the analytics) answered 403, reads included;</li>
 *   <li>the routers' own 404, 405, 400 and 500 as JSON ({@link HttpErrorPages}), on the routes' router and on the root
 *       router Camel mounts it under (the server's request handler).</li>
 * </ul>
 * The idle timeout, the JSON answers to requests the HTTP codec cannot parse and a start that fails when the port
 * cannot be bound have no public way in; a proxy of the Vert.x instance sets them ({@link InterceptedVertx}).
 * <p>
 * Vert.x checks the HTTP version in its WebSocket dispatcher, before any handler of ours; this service serves no
 * WebSockets, so that dispatcher is switched off ({@code vertx.disableWebsockets}) and the check is made here.
 * The Vert.x instance is closed when the Camel context stops (the server closes only a Vert.x it made itself). At
 * start it lists the endpoints at the address the server listens on.
 */
public final class HttpServerSetup implements StartupListener, Ordered, OnCamelContextStarted,
        OnCamelContextStopped {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerSetup.class);

    private static final String NO_WEBSOCKETS = "vertx.disableWebsockets";

    static {
        switchOffWebSockets();
    }

    /**
     * Switches Vert.x's WebSocket dispatcher off, unless the command line says otherwise. Vert.x reads this once,
     * when its HTTP server class loads: {@code Application.main} calls this first; the class's own loading (before
     * the server it configures is made) covers any other start.
     */
    public static void switchOffWebSockets() {
        if (System.getProperty(NO_WEBSOCKETS) == null) {
            System.setProperty(NO_WEBSOCKETS, "true");
        }
    }

    private final CamelContext context;
    private final AllowedHosts hosts;
    private final InterceptedVertx intercepted;
    private VertxInternal vertx;

    /**
     * @param context     the Camel context, whose endpoints say which methods a path takes (405's Allow header)
     * @param idleSeconds a connection idle this long is closed; 0 keeps connections open
     * @param hosts       the host names requests may be addressed to
     */
    public HttpServerSetup(CamelContext context, int idleSeconds, AllowedHosts hosts) {
        this.context = context;
        this.hosts = hosts;
        this.intercepted = new InterceptedVertx(idleSeconds);
    }

    /**
     * The Vert.x instance for the registry: a real one (with the registry's {@link VertxOptions}, if any), whose
     * HTTP servers come out configured by {@link InterceptedVertx}.
     */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            VertxOptions options = CamelContextHelper.findSingleByType(context, VertxOptions.class);
            vertx = (VertxInternal) Vertx.vertx(options == null ? new VertxOptions() : options);
        }
        return intercepted.wrap(vertx);
    }

    /** After Camel's startup listener that starts the deferred services, the HTTP server among them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }

    /**
     * The server listens and no route has started: checks that Camel made it on the intercepted Vert.x, and sets the
     * checks and answers above on its routers.
     */
    @Override
    public void onCamelContextStarting(CamelContext starting, boolean alreadyStarted) {
        VertxPlatformHttpServer server = starting.hasService(VertxPlatformHttpServer.class);
        if (starting != context || server == null) {
            return;
        }
        if (server.getServer() == null) {
            throw new IllegalStateException("Camel's HTTP server has not started when the startup listeners run, so "
                    + "the Host check and the JSON error answers cannot be set before the routes start: did an "
                    + "upgrade of Camel change when camel.server starts?");
        }
        if (!intercepted.made(server.getServer())) {
            throw new IllegalStateException("Camel's HTTP server was not made by the Vert.x instance in the registry "
                    + "(InterceptedVertx), so it has no idle timeout, no JSON answers to unparseable requests and no "
                    + "fail-fast bind: did an upgrade of Camel or Vert.x change how platform-http creates its server?");
        }
        if (!"true".equals(System.getProperty(NO_WEBSOCKETS))) {
            LOG.warn("-D{} is not true: a request in an unknown HTTP version gets Vert.x's empty 501", NO_WEBSOCKETS);
        }
        List<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> r.getServer() == server).toList();
        if (routers.isEmpty() || !(server.getServer().requestHandler() instanceof Router root)) {
            throw new IllegalStateException("Camel's HTTP server has no router in the registry, or its request handler "
                    + "is not a Vert.x Router: the Host check and the JSON error answers cannot be set");
        }
        for (VertxPlatformHttpRouter router : routers) {
            router.route().order(Integer.MIN_VALUE).handler(this::screen);
            HttpErrorPages.installFailures(router);
        }
        HttpErrorPages.install(context, root);
    }

    /** Ahead of every route: a request in an unknown HTTP version, or addressed to a foreign host, goes no further. */
    private void screen(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.version() == null) {
            HttpErrorPages.unsupportedVersion(request);
        } else if (hosts.loopbackBind() && request.host() != null && !hosts.allowsHost(request.host())) {
            // a request without a Host (HTTP/1.0) comes from no browser page: a rebinding page's always has one
            HttpErrorPages.foreignHost(request, hosts);
        } else {
            rc.next();
        }
    }

    /** Nothing: the endpoints are listed once the whole context has started ({@link #onContextStarted}). */
    @Override
    public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
    }

    /**
     * Lists the endpoints at the address the server really listens on (Camel's own listing, switched off in
     * simplelogger.properties, prints 0.0.0.0 whatever the bind address).
     */
    @Override
    public void onContextStarted(CamelContext started) {
        VertxPlatformHttpServer server = started.hasService(VertxPlatformHttpServer.class);
        PlatformHttpComponent http = started.hasComponent("platform-http") instanceof PlatformHttpComponent c ? c : null;
        if (started != context || server == null || http == null) {
            return;
        }
        String base = "http://" + (server.getHost().contains(":") ? "[" + server.getHost() + "]" : server.getHost())
                + ":" + server.getPort();
        LOG.info("HTTP endpoints at {}:", base);
        http.getHttpEndpoints().stream()
                .sorted(java.util.Comparator.comparing(HttpEndpointModel::getUri))
                .forEach(e -> LOG.info("    {}{}{}", base, e.getUri(), e.getVerbs() == null ? "" : "  (" + e.getVerbs() + ")"));
    }

    @Override
    public synchronized void onContextStopped(CamelContext stopped) {
        if (vertx != null && stopped == context) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("Vert.x did not close within 10 s: {}", e.toString());
            }
            vertx = null;
        }
    }
}
