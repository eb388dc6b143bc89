package dev.retailpipeline;

import org.apache.camel.CamelContext;

/**
 * The application's settings as the wiring reads them: application.properties with its placeholders and environment
 * variables resolved by Camel's properties component. A setting without a default is required: its absence stops the
 * start naming it.
 */
final class Settings {

    private final CamelContext context;

    Settings(CamelContext context) {
        this.context = context;
    }

    /** A required setting. */
    String text(String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("the setting " + key + " is missing"));
    }

    String text(String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    int integer(String key) {
        return parse(key, text(key), Integer::parseInt);
    }

    int integer(String key, int fallback) {
        return parse(key, text(key, String.valueOf(fallback)), Integer::parseInt);
    }

    long whole(String key) {
        return parse(key, text(key), Long::parseLong);
    }

    long whole(String key, long fallback) {
        return parse(key, text(key, String.valueOf(fallback)), Long::parseLong);
    }

    double decimal(String key) {
        return parse(key, text(key), Double::parseDouble);
    }

    boolean flag(String key, boolean fallback) {
        String value = text(key, String.valueOf(fallback)).strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalStateException("the setting " + key + " is " + value + ": it must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the setting " + key + " is " + value + ", which is not a number");
        }
    }
}
