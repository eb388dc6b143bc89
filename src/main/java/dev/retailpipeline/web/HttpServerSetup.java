package dev.retailpipeline.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStopped;
import org.apache.camel.support.CamelContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance Camel's platform-http server runs on, bound in the registry where the server looks for one.
 * It delegates everything, and sets on the HTTP server the server creates, before it listens, what Camel offers no
 * option for:
 * <ul>
 *   <li>an idle timeout ({@code http.idle-timeout-seconds}): a client that sends half its headers and waits is cut
 *       off instead of holding a connection for ever;</li>
 *   <li>a request the HTTP codec cannot parse (a bad request line or chunk size, a request line or headers longer
 *       than it reads) answered as JSON, 400, 414 or 431, instead of an empty body;</li>
 *   <li>a request in an HTTP version other than 1.0 and 1.1 answered as a JSON 400 instead of an empty 501;</li>
 *   <li>the routers' own 404, 405, 400 and 500 as JSON ({@link HttpErrorPages});</li>
 *   <li>on a loopback bind, a request addressed to a host name that is not this server's ({@link AllowedHosts}: a
 *       page whose name was rebound to 127.0.0.1 reading the ledger or the analytics) answered 403 before any
 *       route, reads included.</li>
 * </ul>
 * Vert.x checks the HTTP version in its WebSocket dispatcher, before any handler of ours; this service serves no
 * WebSockets, so that dispatcher is switched off ({@code vertx.disableWebsockets}) and the check is made here.
 * The instance is closed when the Camel context stops (the server closes only a Vert.x it made itself). At start it
 * lists the endpoints at the address the server listens on.
 */
public final class HttpServerSetup implements OnCamelContextStarted, OnCamelContextStopped {

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
    private final int idleSeconds;
    private final AllowedHosts hosts;
    private VertxInternal vertx;

    /**
     * @param context     the Camel context, whose endpoints say which methods a path takes (405's Allow header)
     * @param idleSeconds a connection idle this long is closed; 0 keeps connections open
     * @param hosts       the host names requests may be addressed to
     */
    public HttpServerSetup(CamelContext context, int idleSeconds, AllowedHosts hosts) {
        this.context = context;
        this.idleSeconds = idleSeconds;
        this.hosts = hosts;
    }

    /**
     * The Vert.x instance for the registry: a real one (with the registry's {@link VertxOptions}, if any), whose
     * HTTP servers come out configured as above.
     */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            VertxOptions options = CamelContextHelper.findSingleByType(context, VertxOptions.class);
            vertx = (VertxInternal) Vertx.vertx(options == null ? new VertxOptions() : options);
        }
        VertxInternal real = vertx;
        return delegate(VertxInternal.class, real, (method, args) -> {
            if (!method.getName().equals("createHttpServer")) {
                return PASS;
            }
            HttpServerOptions options = args != null && args.length == 1 && args[0] instanceof HttpServerOptions o
                    ? o : new HttpServerOptions();
            return configure(real.createHttpServer(configure(options)), options);
        });
    }

    private HttpServerOptions configure(HttpServerOptions options) {
        if (idleSeconds > 0) {
            options.setIdleTimeout(idleSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS);
        }
        if (!"true".equals(System.getProperty(NO_WEBSOCKETS))) {
            LOG.warn("-D{} is not true: a request in an unknown HTTP version gets Vert.x's empty 501", NO_WEBSOCKETS);
        }
        return options;
    }

    private HttpServer configure(HttpServer server, HttpServerOptions options) {
        int maxLine = options.getMaxInitialLineLength();
        int maxHeaders = options.getMaxHeaderSize();
        server.invalidRequestHandler(request -> HttpErrorPages.invalidRequest(request, maxLine, maxHeaders));
        return delegate(HttpServer.class, server, (method, args) -> {
            if (method.getName().equals("listen") && args != null && args.length > 0
                    && args[args.length - 1] instanceof Handler<?> done && !io.vertx.core.Context.isOnEventLoopThread()) {
                // Camel logs a failed bind (a port in use) and starts all the same, and the service would then
                // ingest from whichever process holds the port: wait for the bind, and fail the start if it failed
                @SuppressWarnings("unchecked")
                Handler<AsyncResult<HttpServer>> callback = (Handler<AsyncResult<HttpServer>>) done;
                CompletableFuture<AsyncResult<HttpServer>> bound = new CompletableFuture<>();
                Object[] wrapped = args.clone();
                wrapped[args.length - 1] = (Handler<AsyncResult<HttpServer>>) result -> {
                    if (result.succeeded()) {
                        callback.handle(result);
                    }
                    bound.complete(result);
                };
                method.invoke(server, wrapped);
                AsyncResult<HttpServer> result = bound.get(60, TimeUnit.SECONDS);
                if (result.failed()) {
                    throw new IllegalStateException("the HTTP server cannot listen on " + args[1] + ":" + args[0]
                            + " (" + result.cause().getMessage() + "): another process holds the port? Set HTTP_PORT");
                }
                return server;
            }
            if (!method.getName().equals("requestHandler") || args == null || args.length != 1) {
                return PASS;
            }
            @SuppressWarnings("unchecked")
            Handler<HttpServerRequest> handler = (Handler<HttpServerRequest>) args[0];
            if (handler instanceof Router root) {
                HttpErrorPages.install(context, root);
            }
            // the routes' own router (Camel mounts it under the root)
            context.getRegistry().findByType(VertxPlatformHttpRouter.class).forEach(HttpErrorPages::installFailures);
            server.requestHandler(request -> {
                if (request.version() == null) {
                    HttpErrorPages.unsupportedVersion(request);
                } else if (hosts.loopbackBind() && request.host() != null && !hosts.allowsHost(request.host())) {
                    // a request without a Host (HTTP/1.0) comes from no browser page: a rebinding page's always has one
                    HttpErrorPages.foreignHost(request, hosts);
                } else {
                    handler.handle(request);
                }
            });
            return server;
        });
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

    /** Answers a call of the proxy, or {@link #PASS} to hand it to the real object. */
    @FunctionalInterface
    private interface Around {
        Object call(Method method, Object[] args) throws Throwable;
    }

    private static final Object PASS = new Object();

    /**
     * A proxy of {@code type} that hands every call to {@code target} except those {@code around} answers; where the
     * target would return itself (a fluent call), the proxy returns the proxy, and equality is the proxy's identity.
     */
    private static <T> T delegate(Class<T> type, T target, Around around) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            Object answer = around.call(method, args);
            if (answer == PASS) {
                try {
                    answer = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            return answer == target ? proxy : answer;
        }));
    }
}
