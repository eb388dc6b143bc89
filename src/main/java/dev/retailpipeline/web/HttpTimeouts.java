package dev.retailpipeline.web;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.OnCamelContextStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that stay idle ({@code http.idle-timeout-seconds}), a half-open request's among them: without
 * it, a client that sends part of its headers and waits holds a connection for ever. Camel's platform-http server
 * takes no such option, so it is set on the server's own options once it runs (they are read for each new
 * connection).
 */
public final class HttpTimeouts implements OnCamelContextStarted {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTimeouts.class);

    private final int idleSeconds;

    public HttpTimeouts(int idleSeconds) {
        this.idleSeconds = idleSeconds;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        HttpServer http = server == null ? null : server.getServer();
        if (http == null || idleSeconds <= 0) {
            return;
        }
        try {
            java.lang.reflect.Field field = http.getClass().getDeclaredField("options");
            field.setAccessible(true);
            HttpServerOptions options = (HttpServerOptions) field.get(http);
            options.setIdleTimeout(idleSeconds).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not set the HTTP idle timeout ({}): idle connections stay open", e.toString());
        }
    }
}
