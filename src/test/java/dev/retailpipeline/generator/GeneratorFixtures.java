package dev.retailpipeline.generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import dev.retailpipeline.time.HourRange;

/** Shared set-up of the generator tests: a shop opening 2026-11-01T00 and output helpers. */
final class GeneratorFixtures {
    static final long START = HourRange.parseHour("2026-11-01T00");
    static final RetailGenerator GENERATOR = new RetailGenerator(new GeneratorConfig(START));
    static final Pattern VALID_EMAIL = Pattern.compile("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$");

    private GeneratorFixtures() {
    }

    static String hour(BatchSpec spec, Format format, String table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            GENERATOR.writeHour(spec, format, table, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String range(long seed, long from, long to, double scale, double dirty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            GENERATOR.writeRange(seed, from, to, scale, dirty, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
