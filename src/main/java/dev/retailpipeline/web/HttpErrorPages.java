package dev.retailpipeline.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers the HTTP server gives before any route runs, as JSON like every other error, with one log line at most
 * and never a stack: 404 for a path no route serves; 405 for a method its route does not take, with the {@code Allow}
 * header naming the ones it does; 400 for a request that cannot be read (a malformed request line, header, chunked
 * body or percent-escape, or an HTTP version other than 1.0 and 1.1); 414 for a request line and 431 for headers
 * longer than the server reads; 500 for anything else there. {@link HttpServerSetup} and {@link InterceptedVertx}
 * wire them into the server.
 */
public final class HttpErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorPages.class);

    private HttpErrorPages() {
    }

    /** The root router's own answers: a path or method no route takes, an unreadable URL, a failure there. */
    static void install(CamelContext context, Router root) {
        root.errorHandler(404, rc -> answer(rc.response(), 404, "not_found", "nothing is served at this path"));
        root.errorHandler(405, rc -> {
            String allow = String.join(", ", allowed(context, rc.request().path()));
            if (!allow.isEmpty()) {
                rc.response().putHeader("Allow", allow);
            }
            answer(rc.response(), 405, "method_not_allowed",
                    "this path takes " + (allow.isEmpty() ? "no method" : allow) + " only");
        });
        installFailures(root);
    }

    /**
     * The answers to a request that failed under a router (the routes' own router included) before a route could
     * answer it: 400 for a URL or body that cannot be read; for a body that broke off (Vert.x's body reader fails it
     * with status 200, "no status of its own": a chunk size that is no number, say) and for a client that went away,
     * the connection is closed without an answer (Vert.x closes it on the decoder's error before one could be sent);
     * a JSON 500 with one log line for anything else.
     */
    static void installFailures(Router router) {
        router.errorHandler(400, rc -> answer(rc.response(), 400, "bad_request",
                "the request could not be read (a malformed URL, percent-escape, header or body)"));
        router.errorHandler(200, rc -> {
            LOG.debug("The body of {} could not be read: {}", bounded(rc.request().path()), String.valueOf(rc.failure()));
            rc.response().close();
        });
        router.errorHandler(500, rc -> {
            Throwable failure = rc.failure();
            if (failure instanceof HttpClosedException) {
                LOG.debug("The client closed the connection of {} before its answer", bounded(rc.request().path()));
                return;
            }
            LOG.warn("500 before any route for {}: {}", bounded(rc.request().path()),
                    failure == null ? "no cause" : failure.toString());
            answer(rc.response(), 500, "internal_error", "the server failed to answer this request; see its log");
        });
    }

    /**
     * A request the HTTP codec could not parse (the server's invalid-request handler): 414, 431 or 400, and the
     * connection closed, as the codec's own answer would, but with a body saying what was wrong.
     */
    static void invalidRequest(HttpServerRequest request, int maxLine, int maxHeaders) {
        Throwable cause = request.decoderResult().cause();
        LOG.debug("Unreadable request: {}", cause == null ? "no cause" : cause.toString());
        if (cause instanceof TooLongHttpLineException) {
            answerAndClose(request, 414, "uri_too_long", "the request line is longer than " + maxLine + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            answerAndClose(request, 431, "headers_too_large", "the request's headers are longer than " + maxHeaders + " bytes");
        } else {
            answerAndClose(request, 400, "bad_request", "the request could not be parsed (its request line or a header is malformed)");
        }
    }

    /**
     * A request in an HTTP version the server does not speak ({@code HTTP/9.9}, say). RFC 9112 lets a server answer
     * it 505 "if it wishes"; it is the client's mistake, so this is a 400 naming the versions that work.
     */
    static void unsupportedVersion(HttpServerRequest request) {
        answerAndClose(request, 400, "unsupported_http_version", "this server speaks HTTP/1.1 and HTTP/1.0 only");
    }

    /** A request addressed to a host name this server does not answer to (DNS rebinding): 403, before any route. */
    static void foreignHost(HttpServerRequest request, AllowedHosts hosts) {
        LOG.debug("Refused a request for {} addressed to {}", bounded(request.path()), bounded(request.host()));
        answerAndClose(request, 403, "forbidden", "this server answers requests addressed to " + hosts.describe()
                + " only");
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

    private static void answerAndClose(HttpServerRequest request, int status, String error, String detail) {
        answer(request.response(), status, error, detail);
        request.response().close();
    }

    /** Writes the JSON answer; if an answer has begun already (a stream that failed midway), closes the connection. */
    private static void answer(HttpServerResponse response, int status, String error, String detail) {
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.close();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(JsonReply.bytes(body)));
    }

    private static String bounded(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
