package dev.retailpipeline.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The gate before a write (POST /api/runs), against other web pages driving this server through a browser: a
 * cross-site "simple" request (a form or {@code text/plain} body, which the browser sends without asking) and DNS
 * rebinding (a page whose host name points at this server). A body must be {@code application/json} (else 415); an
 * {@code Origin} header, when sent, must name an allowed host, and so must the {@code Host} header (else 403), on any
 * bind ({@link AllowedHosts}).
 */
public final class WriteGuard {

    private final AllowedHosts hosts;

    public WriteGuard(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    /**
     * @param serverHost   the address the server listens on ({@code camel.server.host})
     * @param allowedHosts further host names a write may be addressed to ({@code http.allowed-hosts})
     */
    public WriteGuard(String serverHost, List<String> allowedHosts) {
        this(new AllowedHosts(serverHost, allowedHosts));
    }

    /** A route step before any write: passes, or throws {@link RefusedRequestException}. */
    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        if (hasBody(message)) {
            String type = message.getHeader(Exchange.CONTENT_TYPE, String.class);
            String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                throw new RefusedRequestException(415, "unsupported_media_type", "Content-Type",
                        "a write's body must be JSON: send 'Content-Type: application/json'");
            }
        }
        if (!hosts.allowsHost(requestHost(message))) {
            throw new RefusedRequestException(403, "forbidden", "Host",
                    "this server takes writes addressed to " + hosts.describe() + " only");
        }
        String origin = message.getHeader("Origin", String.class);
        if (origin != null && !hosts.allowsOrigin(origin)) {
            throw new RefusedRequestException(403, "forbidden", "Origin",
                    "writes from another site are refused: the page's origin must be this server");
        }
    }

    /**
     * The host the request was addressed to: its Host header, which platform-http keeps out of the message's headers
     * and puts into the request's absolute URL instead.
     */
    private static String requestHost(Message message) {
        String header = message.getHeader("Host", String.class);
        if (header != null) {
            return header;
        }
        String url = message.getHeader(Exchange.HTTP_URL, String.class);
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hasBody(Message message) {
        String length = message.getHeader("Content-Length", String.class);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return message.getHeader("Transfer-Encoding") != null;
    }
}
