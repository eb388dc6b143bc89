package dev.retailpipeline.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * The Vert.x instance Camel's platform-http server finds in the registry, wrapped in a proxy that sets, on the HTTP
 * server Camel creates on it, what neither Camel 4.18 nor Vert.x 4 lets one set from outside:
 * <ul>
 *   <li>the idle timeout ({@code http.idle-timeout-seconds}): Camel's {@code VertxPlatformHttpServer.startServer}
 *       makes its {@code HttpServerOptions} itself and no {@code camel.server.*} property reaches them;</li>
 *   <li>the answer, as JSON, to a request the HTTP codec cannot parse ({@link HttpErrorPages#invalidRequest}): Vert.x
 *       reads the server's invalid-request handler when it starts listening, and Camel creates the server and listens
 *       within one method;</li>
 *   <li>a failed bind (a port another process holds) failing the start: Camel logs it and starts all the same, and
 *       the callback Camel gives {@code listen} is the only place the failure shows.</li>
 * </ul>
 * This rests on Camel calling {@code createHttpServer(HttpServerOptions)} on the registry's Vert.x and then
 * {@code listen(port, host, handler)} from a thread outside the event loop. {@link HttpServerSetup} refuses to start
 * when the server Camel started was not made here, and {@code InterceptedVertxTest} checks the three behaviours.
 */
final class InterceptedVertx {

    private final int idleSeconds;
    private final Set<HttpServer> made = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    /** @param idleSeconds a connection idle this long is closed; 0 keeps connections open */
    InterceptedVertx(int idleSeconds) {
        this.idleSeconds = idleSeconds;
    }

    /** The instance to hand Camel: {@code real}, whose HTTP servers come out configured as above. */
    Vertx wrap(VertxInternal real) {
        return delegate(VertxInternal.class, real, (method, args) -> {
            if (!method.getName().equals("createHttpServer")) {
                return PASS;
            }
            HttpServerOptions options = args != null && args.length == 1 && args[0] instanceof HttpServerOptions o
                    ? o : new HttpServerOptions();
            if (idleSeconds > 0) {
                options.setIdleTimeout(idleSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS);
            }
            HttpServer server = real.createHttpServer(options);
            int maxLine = options.getMaxInitialLineLength();
            int maxHeaders = options.getMaxHeaderSize();
            server.invalidRequestHandler(request -> HttpErrorPages.invalidRequest(request, maxLine, maxHeaders));
            HttpServer failingFast = delegate(HttpServer.class, server,
                    (call, callArgs) -> listenOrFail(server, call, callArgs));
            made.add(failingFast);
            return failingFast;
        });
    }

    /** Whether {@code server} (what Camel's server reports as its own) was made, and configured, here. */
    boolean made(HttpServer server) {
        return made.contains(server);
    }

    /**
     * Camel's {@code listen(port, host, handler)}, off the event loop: waits for the bind and throws if it failed,
     * which fails the start, where Camel would log the failure and start without a server.
     */
    private static Object listenOrFail(HttpServer server, Method method, Object[] args) throws Throwable {
        if (!method.getName().equals("listen") || args == null || args.length != 3 || !(args[0] instanceof Integer port)
                || !(args[1] instanceof String host) || !(args[2] instanceof Handler<?> done)
                || Context.isOnEventLoopThread()) {
            return PASS;
        }
        @SuppressWarnings("unchecked")
        Handler<AsyncResult<HttpServer>> callback = (Handler<AsyncResult<HttpServer>>) done;
        CompletableFuture<AsyncResult<HttpServer>> bound = new CompletableFuture<>();
        Handler<AsyncResult<HttpServer>> waiting = result -> {
            if (result.succeeded()) {
                callback.handle(result);
            }
            bound.complete(result);
        };
        server.listen(port, host, waiting);
        AsyncResult<HttpServer> result = bound.get(60, TimeUnit.SECONDS);
        if (result.failed()) {
            throw new IllegalStateException("the HTTP server cannot listen on " + host + ":" + port
                    + " (" + result.cause().getMessage() + "): another process holds the port? Set HTTP_PORT");
        }
        return server;
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
