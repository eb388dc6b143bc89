package dev.retailpipeline.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.Warehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * End-to-end benchmark (a main class, not a test): the whole application as it runs, a backfill through
 * {@code POST /api/runs}: generation and HTTP, split, marshal, bulk load hour by hour, then the SQL ETL, against
 * the same database's bulk path alone on the same rows, in the same run. Prints the run's own step times from the
 * ledger.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *     dev.retailpipeline.ingest.EndToEndBenchmark duckdb 7 10
 * </pre>
 *
 * Arguments: dialect (duckdb | postgres; postgres starts an embedded PostgreSQL), days (7), scale (10). A day
 * before the measured days is loaded first as a warm-up.
 */
public final class EndToEndBenchmark {

    private static final long SEED = 42;
    private static final String SHOP_START = "2026-10-01T00";
    private static final String FIRST_DAY = "2026-11-16";

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String dialect = args.length > 0 ? args[0] : "duckdb";
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        Path tmp = Files.createTempDirectory("end-to-end-benchmark");
        EmbeddedPostgres pg = "postgres".equals(dialect) ? EmbeddedPostgres.builder().start() : null;
        try {
            Map<String, String> settings = new HashMap<>();
            settings.put("generator.start", SHOP_START);
            settings.put("generator.seed", String.valueOf(SEED));
            settings.put("generator.scale", String.valueOf(scale));
            if (pg != null) {
                settings.put("warehouse.url", pg.getJdbcUrl("postgres", "postgres"));
                settings.put("warehouse.user", "postgres");
                settings.put("warehouse.password", "postgres");
            }
            long first = ShopHours.parse(FIRST_DAY + "T00");
            JsonNode run;
            try (RunningApplication app = RunningApplication.start(tmp, settings)) {
                JsonNode warmUp = app.awaitRun(app.post("/api/runs", backfill(first - 24, first)));
                System.out.printf(Locale.ROOT, "warm-up: %s, %d rows in %d ms%n", warmUp.get("status").asText(),
                        warmUp.get("rows_loaded").asLong(), warmUp.get("duration_ms").asLong());
                run = app.awaitRun(app.post("/api/runs", backfill(first, first + days * 24L)));
            }
            if (!"succeeded".equals(run.get("status").asText())) {
                throw new IllegalStateException("the measured run did not succeed: " + run);
            }
            long rows = run.get("rows_loaded").asLong();
            double seconds = run.get("duration_ms").asLong() / 1000.0;
            System.out.printf(Locale.ROOT, "%s, %d days at scale %s from %s (%d hours)%n", dialect, days, scale, FIRST_DAY,
                    days * 24);
            LoadBenchmark.report("(a) end to end: POST /api/runs to succeeded", rows, seconds);
            long etlMs = 0;
            for (JsonNode step : run.get("steps")) {
                String name = step.get("step").asText();
                long ms = step.get("duration_ms").asLong();
                if (name.contains("/")) {
                    etlMs += ms;
                } else {
                    System.out.printf(Locale.ROOT, "    %-40s %,10d ms%n", name, ms);
                }
            }
            System.out.printf(Locale.ROOT, "    %-40s %,10d ms, of which:%n", "SQL ETL (every sql/ step)", etlMs);
            for (JsonNode step : run.get("steps")) {
                long ms = step.get("duration_ms").asLong();
                if (step.get("step").asText().contains("/") && ms * 20 >= etlMs) {
                    System.out.printf(Locale.ROOT, "        %-46s %,10d ms%n", step.get("step").asText(), ms);
                }
            }

            // the same hours, generated in process, through the database's bulk path alone
            RetailGenerator generator = new RetailGenerator(new GeneratorConfig(ShopHours.parse(SHOP_START)));
            List<byte[]> hours = new ArrayList<>();
            for (long h = first; h < first + days * 24L; h++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                generator.writeHour(new BatchSpec(SEED, h, scale, 0), Format.NDJSON, null, out);
                hours.add(out.toByteArray());
            }
            Warehouse scratch = pg != null ? scratchPostgres(pg) : Warehouse.of("jdbc:duckdb:" + tmp.resolve("bulk.duckdb"));
            try (scratch) {
                LoadBenchmark.Bulk bulk = LoadBenchmark.bulkPathAlone(scratch, hours, tmp.resolve("bulk-staging"));
                LoadBenchmark.report("(b) " + dialect + " bulk path alone (" + (pg != null ? "COPY" : "read_json") + ")",
                        bulk.rows(), bulk.seconds());
                System.out.printf(Locale.ROOT, "ratio (a)/(b) = %.2f (raw rows only in (b); (a) also builds the marts)%n",
                        (rows / seconds) / (bulk.rows() / bulk.seconds()));
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String backfill(long from, long to) {
        return "{\"from\": \"" + ShopHours.format(from) + "\", \"to\": \"" + ShopHours.format(to) + "\"}";
    }

    private static Warehouse scratchPostgres(EmbeddedPostgres pg) throws Exception {
        try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("create database bulk_alone");
        }
        return new Warehouse(pg.getJdbcUrl("postgres", "bulk_alone"), "postgres", "postgres");
    }
}
