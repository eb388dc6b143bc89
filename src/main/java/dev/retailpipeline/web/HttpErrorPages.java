package dev.retailpipeline.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import io.vertx.ext.web.Router;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.OnCamelContextStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers the HTTP server gives before any route runs, as JSON like every other error: 404 for a path no route
 * serves, 405 for a method its route does not take (with the {@code Allow} header naming the ones it does), 400 for a
 * request that cannot be read (a malformed percent-escape, say), 500 for anything else there. One log line at most,
 * never a stack.
 */
public final class HttpErrorPages implements OnCamelContextStarted {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorPages.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void onContextStarted(CamelContext context) {
        // the server's root router: the routes live on a sub-router mounted under it, and a request no route takes
        // is answered by the root (the server keeps it in a private field; Camel offers no accessor)
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        Router root = null;
        try {
            java.lang.reflect.Field field = VertxPlatformHttpServer.class.getDeclaredField("router");
            field.setAccessible(true);
            root = server == null ? null : (Router) field.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("The HTTP server's router is out of reach ({}): its own error answers stay as they are", e.toString());
        }
        if (root != null) {
            install(context, root);
        }
    }

    private static void install(CamelContext context, Router router) {
        router.errorHandler(404, rc -> answer(rc, 404, "not_found", "nothing is served at this path"));
        router.errorHandler(405, rc -> {
            String allow = String.join(", ", allowed(context, rc.request().path()));
            if (!allow.isEmpty()) {
                rc.response().putHeader("Allow", allow);
            }
            answer(rc, 405, "method_not_allowed", "this path takes " + (allow.isEmpty() ? "no method" : allow) + " only");
        });
        router.errorHandler(400, rc -> answer(rc, 400, "bad_request",
                "the request could not be read (a malformed URL, percent-escape or header)"));
        router.errorHandler(500, rc -> {
            LOG.warn("500 before any route for {}: {}", bounded(rc.request().path()),
                    rc.failure() == null ? "no cause" : rc.failure().toString());
            answer(rc, 500, "internal_error", "the server failed to answer this request; see its log");
        });
    }

    /** The methods the routes serving this path take. */
    static TreeSet<String> allowed(CamelContext context, String path) {
        TreeSet<String> methods = new TreeSet<>();
        for (Endpoint e : context.getEndpoints()) {
            if (e instanceof PlatformHttpEndpoint http && path != null && matches(http.getPath(), path)) {
                String restrict = http.getHttpMethodRestrict();
                if (restrict != null) {
                    for (String m : restrict.split(",")) {
                        methods.add(m.strip().toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return methods;
    }

    /** Whether a route path ({@code /api/runs/{id}}, {@code /webjars*}) serves a request path. */
    static boolean matches(String routePath, String path) {
        if (routePath == null) {
            return false;
        }
        String[] route = routePath.split("/", -1);
        String[] request = path.split("/", -1);
        if (route.length != request.length) {
            return false;
        }
        for (int i = 0; i < route.length; i++) {
            boolean parameter = route[i].startsWith("{") && route[i].endsWith("}") && !request[i].isEmpty();
            if (!parameter && !route[i].equals(request[i])) {
                return false;
            }
        }
        return true;
    }

    private static void answer(RoutingContext rc, int status, String error, String detail) {
        if (rc.response().ended()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }

    private static String bounded(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
