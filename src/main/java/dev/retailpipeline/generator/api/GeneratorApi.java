package dev.retailpipeline.generator.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.web.BadRequestException;
import dev.retailpipeline.web.LimitExceededException;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The generator's HTTP face: reads and checks the query, then answers with one hour's batch (json, ndjson or
 * csv) or with a range of hours streamed as NDJSON. Called from routes/generator-api.camel.yaml.
 */
public final class GeneratorApi {

    /** The source model never changes while the application runs: written once. */
    private static final byte[] SCHEMA = schemaJson();

    static final Set<String> PARAMETERS = Set.of("hour", "from", "to", "seed", "scale", "dirty", "format", "table",
            "snapshot");

    private final RetailGenerator generator;
    private final GeneratorDefaults defaults;
    private final Clock clock;
    private final RangeRules rules;
    private final int maxResponseBytes;
    private final HourBuildLimit builds;

    /**
     * @param maxResponseBytes the largest answer of one hour ({@code generator.max-response-bytes}): one hour is built
     *                         in memory, so this bounds the memory a request can take; over it the answer is a 413
     * @param builds           how many hours are built at once
     */
    public GeneratorApi(RetailGenerator generator, GeneratorDefaults defaults, Clock clock, RangeRules rules,
                        int maxResponseBytes, HourBuildLimit builds) {
        this.generator = generator;
        this.defaults = defaults;
        this.clock = clock;
        this.rules = rules;
        this.maxResponseBytes = maxResponseBytes;
        this.builds = builds;
    }

    /** One hour's answer, refused with a 413 as soon as it grows past the limit (nothing more is held). */
    private static final class BoundedBody extends ByteArrayOutputStream {
        private final int limit;

        BoundedBody(int limit) {
            super(64 * 1024);
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        /** The bytes written, read in place (no copy of up to the limit). */
        java.io.InputStream asStream() {
            return new java.io.ByteArrayInputStream(buf, 0, count);
        }

        private void check(int more) {
            if ((long) count + more > limit) {
                throw new LimitExceededException("scale", "generator.max-response-bytes", "the answer would be larger "
                        + "than generator.max-response-bytes = " + limit + " bytes: ask for a smaller scale, or for "
                        + "the hours as a streamed range (from, to)");
            }
        }
    }

    /** GET /api/transactions */
    public void transactions(Exchange exchange) throws IOException {
        QueryParameters query = QueryParameters.of(exchange, PARAMETERS);
        long seed = query.longValue("seed", defaults.seed());
        double scale = query.decimal("scale", defaults.scale(), 0, Double.MAX_VALUE);
        if (scale <= 0) {
            throw new BadRequestException("scale", "parameter 'scale' must be greater than 0");
        }
        if (scale > defaults.maxScale()) {
            throw new LimitExceededException("scale", "generator.max-scale",
                    "scale " + scale + " is over the limit generator.max-scale = " + defaults.maxScale());
        }
        double dirty = query.decimal("dirty", defaults.dirty(), 0, 1);
        Message out = exchange.getMessage();
        boolean snapshot = snapshot(query);
        if (query.has("from") || query.has("to")) {
            range(query, seed, scale, dirty, snapshot, out);
        } else if (snapshot) {
            oneHour(query, seed, scale, dirty, out, true);
        } else {
            oneHour(query, seed, scale, dirty, out, false);
        }
    }

    private static boolean snapshot(QueryParameters query) {
        String text = query.text("snapshot", "false").trim();
        if (!text.equals("true") && !text.equals("false")) {
            throw new BadRequestException("snapshot", "parameter 'snapshot' must be true or false, got '" + text + "'");
        }
        return text.equals("true");
    }

    private void oneHour(QueryParameters query, long seed, double scale, double dirty, Message out, boolean snapshot)
            throws IOException {
        long hour = query.has("hour") ? hour(query, "hour") : lastCompletedHour();
        Format format = format(query, Format.JSON);
        String table = null;
        if (format == Format.CSV) {
            table = query.text("table", null);
            if (table == null || !RetailGenerator.tableNames().contains(table)) {
                throw new BadRequestException("table", "format=csv needs parameter 'table', one of "
                        + String.join(", ", RetailGenerator.tableNames()));
            }
        } else if (query.has("table")) {
            throw new BadRequestException("table", "parameter 'table' applies only to format=csv");
        }
        BoundedBody body = new BoundedBody(maxResponseBytes);
        BatchSpec spec = new BatchSpec(seed, hour, scale, dirty);
        // an hour is built in memory: only a few at once, so that concurrent large requests cannot take the heap
        String csvTable = table;
        builds.run(() -> {
            if (snapshot) {
                generator.writeSnapshot(spec, format, csvTable, body);
            } else {
                generator.writeHour(spec, format, csvTable, body);
            }
        });
        out.getHeaders().clear();
        out.setHeader(Exchange.CONTENT_TYPE, contentType(format));
        out.setHeader("X-Batch-Hour", HourRange.formatHour(hour));
        out.setBody(body.asStream());
    }

    /**
     * A range streamed as NDJSON; with {@code snapshot=true} it starts with the snapshot of the hour before
     * {@code from}, so one request carries the first chunk of a warehouse whose history starts after the shop opened.
     */
    private void range(QueryParameters query, long seed, double scale, double dirty, boolean snapshot, Message out)
            throws IOException {
        if (query.has("hour")) {
            throw new BadRequestException("hour", "give either 'hour' or 'from' and 'to', not both");
        }
        if (!query.has("from") || !query.has("to")) {
            String missing = query.has("from") ? "to" : "from";
            throw new BadRequestException(missing, "a range needs both 'from' and 'to' (to is exclusive)");
        }
        if (format(query, Format.NDJSON) != Format.NDJSON) {
            throw new BadRequestException("format", "a range of hours is streamed as format=ndjson only");
        }
        if (query.has("table")) {
            throw new BadRequestException("table", "parameter 'table' applies only to format=csv");
        }
        HourRange range = rules.parse(query.text("from", null), query.text("to", null), "from", "to");
        long from = range.from();
        long to = range.to();
        if (snapshot && from <= defaults.startHour()) {
            throw new BadRequestException("snapshot", "a snapshot is of the hour before 'from', and the shop opened at "
                    + HourRange.formatHour(defaults.startHour()) + ": there is nothing before it");
        }
        out.getHeaders().clear();
        out.setHeader(Exchange.CONTENT_TYPE, contentType(Format.NDJSON));
        out.setBody(new RangeStream(generator, seed, from, to, scale, dirty, snapshot));
    }

    private long hour(QueryParameters query, String name) {
        String text = query.text(name, "");
        long hour;
        try {
            hour = HourRange.parseHour(text);
        } catch (RuntimeException e) {
            throw new BadRequestException(name, "parameter '" + name + "' must be an hour like 2026-11-23T14 (UTC), got '"
                    + text + "'");
        }
        if (hour < defaults.startHour()) {
            throw new BadRequestException(name, "hour " + HourRange.formatHour(hour) + " is before the shop opened at "
                    + HourRange.formatHour(defaults.startHour()) + " (generator.start)");
        }
        long last = lastCompletedHour();
        boolean exclusiveEnd = name.equals("to");
        if (exclusiveEnd ? hour > last + 1 : hour > last) {
            throw new BadRequestException(name, "hour " + HourRange.formatHour(hour)
                    + " has not completed yet; the last completed hour is " + HourRange.formatHour(last));
        }
        return hour;
    }

    private static Format format(QueryParameters query, Format fallback) {
        String text = query.text("format", null);
        if (text == null) {
            return fallback;
        }
        try {
            return Format.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("format", "parameter 'format' must be json, ndjson or csv, got '" + text + "'");
        }
    }

    private long lastCompletedHour() {
        return Math.floorDiv(clock.millis(), 3_600_000L) - 1;
    }

    static String contentType(Format format) {
        return switch (format) {
            case JSON -> "application/json";
            case NDJSON -> "application/x-ndjson";
            case CSV -> "text/csv; charset=utf-8";
        };
    }

    private static byte[] schemaJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(RetailGenerator.schema());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GET /api/schema */
    public void schema(Exchange exchange) throws IOException {
        QueryParameters.of(exchange, Set.of());
        Message out = exchange.getMessage();
        out.getHeaders().clear();
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(SCHEMA);
    }
}
