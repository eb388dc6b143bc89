package dev.retailpipeline.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.Exchange;

/**
 * The query string of a request, read from the raw query (not from Camel headers, which also carry the
 * HTTP headers), so that an unknown or repeated parameter is reported instead of silently ignored.
 */
public final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses the exchange's query string; every name must be one of {@code allowed}. */
    public static QueryParameters of(Exchange exchange, Set<String> allowed) {
        return parse(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class), allowed);
    }

    public static QueryParameters parse(String rawQuery, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                if (!allowed.contains(name)) {
                    throw new BadRequestException(name, "unknown parameter '" + name + "'; allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw new BadRequestException(name, "parameter '" + name + "' is given more than once");
                }
            }
        }
        return new QueryParameters(values);
    }

    private static String decode(String text, String parameter) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(parameter, "malformed percent-encoding in '" + text + "'");
        }
    }

    /** The decoded parameters, sorted by name, as one string: equal for requests that ask the same thing. */
    public String canonical() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values).forEach((name, value) -> text.append(text.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String text(String name, String fallback) {
        String v = values.get(name);
        return v == null ? fallback : v;
    }

    public long longValue(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        // ASCII digits only: Long.parseLong also takes other scripts' digits (an Arabic-Indic one, say)
        if (!v.trim().matches("[+-]?[0-9]{1,18}")) {
            throw new BadRequestException(name, "parameter '" + name + "' must be a whole number, got '" + v + "'");
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "parameter '" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    public double decimal(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        double d;
        if (!v.trim().matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")) {
            throw new BadRequestException(name, "parameter '" + name + "' must be a number, got '" + v + "'");
        }
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "parameter '" + name + "' must be a number, got '" + v + "'");
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            throw new BadRequestException(name, "parameter '" + name + "' must be between " + min + " and " + max
                    + ", got '" + v + "'");
        }
        return d;
    }

    public int integer(String name, int fallback, int min, int max) {
        long v = longValue(name, fallback);
        if (v < min || v > max) {
            throw new BadRequestException(name, "parameter '" + name + "' must be between " + min + " and " + max
                    + ", got " + v);
        }
        return (int) v;
    }
}
