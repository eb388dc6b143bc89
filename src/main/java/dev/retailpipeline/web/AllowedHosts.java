package dev.retailpipeline.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names this server answers to, against DNS rebinding (a page whose host name points at this server): the
 * loopback names and the address it listens on ({@code camel.server.host}, unless that is every address), and
 * {@code http.allowed-hosts} ({@code *} allows any). On a loopback bind every request must be addressed to one of them
 * ({@link HttpServerSetup}); writes must be on any bind ({@link WriteGuard}).
 */
public final class AllowedHosts {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> names;
    private final boolean anyHost;
    private final boolean loopbackBind;

    /**
     * @param serverHost   the address the server listens on ({@code camel.server.host})
     * @param allowedHosts further host names requests may be addressed to ({@code http.allowed-hosts})
     */
    public AllowedHosts(String serverHost, List<String> allowedHosts) {
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
        this.names = Set.copyOf(hosts);
        this.anyHost = any;
        this.loopbackBind = own.isEmpty() || LOOPBACK.contains(own);
    }

    /** Whether the server listens on loopback only, where every request is checked. */
    public boolean loopbackBind() {
        return loopbackBind;
    }

    /** Whether a Host header ({@code name[:port]}, {@code [v6][:port]}) names an allowed host; null is not one. */
    public boolean allowsHost(String hostHeader) {
        return anyHost || (hostHeader != null && allowed(hostName(hostHeader)));
    }

    /** Whether an Origin header ({@code http[s]://name[:port]}) is an allowed host's. */
    public boolean allowsOrigin(String origin) {
        return anyHost || allowed(originHost(origin));
    }

    /** The allowed names, for an answer that says where to send the request instead. */
    public String describe() {
        return String.join(", ", names) + (anyHost ? " or any host" : "") + " (http.allowed-hosts)";
    }

    private boolean allowed(String name) {
        return name != null && names.contains(name);
    }

    /** The host name of a Host header, lower case; null if malformed. */
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
