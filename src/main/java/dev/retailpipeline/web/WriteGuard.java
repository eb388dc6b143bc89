package dev.retailpipeline.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The gate before a write (POST /api/runs), against other web pages driving this server through a browser: a
 * cross-site "simple" request (a form or {@code text/plain} body, which the browser sends without asking) and DNS
 * rebinding (a page whose host name points at this server). A body must be {@code application/json} (else 415); an
 * {@code Origin} header, when sent, must name an allowed host, and so must the {@code Host} header (else 403). The
 * allowed hosts are the loopback names when the server listens on loopback, else {@code http.allowed-hosts} (the
 * server's own host by default; {@code *} allows any).
 */
public final class WriteGuard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;
    private final boolean anyHost;

    /**
     * @param serverHost   the address the server listens on ({@code camel.server.host})
     * @param allowedHosts further host names a write may be addressed to ({@code http.allowed-hosts})
     */
    public WriteGuard(String serverHost, List<String> allowedHosts) {
        Set<String> hosts = new LinkedHashSet<>(LOOPBACK);
        String own = serverHost == null ? "" : serverHost.strip().toLowerCase(Locale.ROOT);
        if (!own.isEmpty() && !own.equals("0.0.0.0") && !own.equals("::")) {
            hosts.add(own);
        }
        boolean any = false;
        for (String h : allowedHosts) {
            String host = h.strip().toLowerCase(Locale.ROOT);
            if (host.equals("*")) {
                any = true;
            } else if (!host.isEmpty()) {
                hosts.add(host);
            }
        }
        this.allowed = Set.copyOf(hosts);
        this.anyHost = any;
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
        String host = requestHost(message);
        if (!anyHost && (host == null || !allowedHost(hostName(host)))) {
            throw new RefusedRequestException(403, "forbidden", "Host",
                    "this server takes writes addressed to " + String.join(", ", allowed)
                            + (anyHost ? " or any host" : "") + " only (http.allowed-hosts)");
        }
        String origin = message.getHeader("Origin", String.class);
        if (origin != null && !allowedHost(originHost(origin))) {
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

    private boolean allowedHost(String name) {
        return name != null && (anyHost || allowed.contains(name));
    }

    private static boolean hasBody(Message message) {
        String length = message.getHeader("Content-Length", String.class);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return message.getHeader("Transfer-Encoding") != null;
    }

    /** The host name of a Host header ({@code name[:port]}, {@code [v6][:port]}), lower case; null if malformed. */
    static String hostName(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.matches("[a-z0-9.-]{1,253}") ? name : null;
    }

    private static String originHost(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                return null;
            }
            return uri.getHost().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
