package dev.retailpipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application as a user runs it (the README's start command), on an empty warehouse: one
 * {@code POST /api/runs} of a backfill, then one hourly run of one hour; prints source rows per second end to end,
 * the run's step times from the ledger and the process's peak resident memory (VmHWM).
 *
 * <p>Usage (after {@code mvn -B -DskipTests package} and {@code mvn -B test-compile}):
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.retailpipeline.EndToEndBenchmark
 * duckdb|postgres|spark DAYS SCALE [FROM_DAY [image]]}; {@code image} runs the jar with the container image's JVM
 * flags and DuckDB memory limit; {@code spark} starts the Spark 3.5 + Delta test engine (built by {@code mvn verify}).
 * The application gets the environment's {@code DUCKDB_*}, {@code INGEST_*} and {@code SQL_DIR}: a SQL folder holding
 * only {@code 00_schema}, {@code 05_migrations} and {@code ledger} measures the ingestion alone (fetch, split, marshal,
 * load, commit) with no ETL.
 */
public final class EndToEndBenchmark {

    /** The README's start command's JVM options. */
    static final List<String> JVM = List.of("-Xmx200m", "-XX:+UseSerialGC");
    /** The container image's JVM options and environment, read from its definition (pom.xml, jib's entrypoint). */
    static final ImageSettings IMAGE = ImageSettings.fromPom(Path.of("pom.xml"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "duckdb";
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        String from = args.length > 3 ? args[3] : "2025-01-01";
        boolean image = args.length > 4 && args[4].equals("image");
        List<String> jvm = image ? IMAGE.jvmOptions() : JVM;
        String to = java.time.LocalDate.parse(from).plusDays(days).toString();
        Path work = Files.createTempDirectory("e2e-bench");
        Map<String, String> env = new HashMap<>();
        env.put("GENERATOR_SCALE", plain(scale));
        env.put("GENERATOR_START", "2025-01-01T00");
        if (image) {
            IMAGE.environment().forEach((k, v) -> {
                if (!k.equals("HTTP_HOST") && !k.equals("WAREHOUSE_URL") && !k.equals("INGEST_STAGING_DIR")) {
                    env.put(k, v); // the image's memory settings; its paths and bind are the container's own
                }
            });
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("DUCKDB_") || k.startsWith("INGEST_") || k.equals("SQL_DIR")) {
                env.put(k, v);
            }
        });
        EmbeddedPostgres pg = null;
        SparkEngine spark = null;
        if (database.equals("spark")) {
            spark = SparkEngine.start(work.resolve("engine"));
            env.put("WAREHOUSE_URL", spark.jdbcUrl());
            env.put("WAREHOUSE_STAGE_DIR", work.resolve("stage").toString());
        }
        if (database.equals("postgres")) {
            pg = EmbeddedPostgres.builder().start();
            env.put("WAREHOUSE_URL", pg.getJdbcUrl("postgres", "postgres"));
            env.put("WAREHOUSE_USER", "postgres");
            env.put("WAREHOUSE_PASSWORD", "postgres");
        }
        try (JarProcess app = JarProcess.start(work, env, jvm)) {
            AtomicLong peak = new AtomicLong();
            System.out.printf("%s: %d days at scale %s (%s..%s), JVM %s%s%n", database, days, plain(scale), from, to, jvm,
                    image ? ", environment " + env : "");
            JsonNode run = runAndWatch(app, "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}", peak);
            report("backfill", run, peak.get());
            statements(app, run);
            // the lean reference on the same hours, in this run (the application idle meanwhile); -Dbench.reference=false
            // leaves it out when only the product's figures are wanted
            if (Boolean.parseBoolean(System.getProperty("bench.reference", "true"))) {
                String memory = env.getOrDefault("DUCKDB_MEMORY_LIMIT", "192MB");
                LeanReference.Result reference = LeanReference.measure(app.url("/api/transactions"), from + "T00",
                        to + "T00", plain(scale), memory, work);
                double product = run.get("rows_loaded").asLong() * 1000.0 / Math.max(1, run.get("duration_ms").asLong());
                System.out.printf("lean reference (DuckDB, memory_limit %s): %d source rows in %.1f s (raw tables %.1f s) = "
                        + "%,.0f rows/s; the product runs at %.2f of it%n", memory, reference.rows(),
                        reference.millis() / 1000.0, reference.rawMillis() / 1000.0, reference.rowsPerSecond(),
                        product / reference.rowsPerSecond());
            }
            // one hourly run of one hour after the range, once the page's answers, computed again after the backfill
            // beside it, are done (the timer's next run comes an hour later)
            Thread.sleep(Long.getLong("bench.settle-ms", 5000));
            String hourFrom = to + "T00";
            String hourTo = to + "T01";
            peak.set(0);
            JsonNode hourly = runAndWatch(app, "{\"from\": \"" + hourFrom + "\", \"to\": \"" + hourTo + "\"}", peak);
            report("one hour", hourly, peak.get());
            statements(app, hourly);
            System.out.printf("peak RSS of the whole process (VmHWM): %d MB%n", rss(app.pid(), "VmHWM") / 1024);
        } finally {
            if (pg != null) {
                pg.close();
            }
            if (spark != null) {
                spark.close();
            }
        }
    }

    private static JsonNode runAndWatch(JarProcess app, String body, AtomicLong peak) throws Exception {
        var accepted = app.post("/api/runs", body);
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("the run was refused: " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).get("run_id").asText();
        // the resident set is sampled every 100 ms from /proc; the run's status is asked for every second, since each
        // answer reads the ledger in the warehouse beside the run (the run's own duration is the ledger's)
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        long polls = 0;
        while (Instant.now().isBefore(deadline)) {
            peak.accumulateAndGet(rss(app.pid(), "VmRSS"), Math::max);
            if (polls++ % 10 == 0) {
                JsonNode run = app.json("/api/runs/" + id);
                if (!run.get("status").asText().equals("running")) {
                    return run;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the run did not end in 30 minutes");
    }

    private static void report(String what, JsonNode run, long peakKb) {
        long rows = run.get("rows_loaded").asLong();
        long ms = run.get("duration_ms").asLong();
        System.out.printf("%s: %s, %d hours, %d source rows in %.1f s = %,.0f rows/s end to end; RSS during the run up to %d MB%n",
                what, run.get("status").asText(), run.get("hours").get("done").asInt(), rows, ms / 1000.0,
                rows * 1000.0 / Math.max(1, ms), peakKb / 1024);
        List<JsonNode> steps = new ArrayList<>();
        run.path("steps").forEach(steps::add);
        steps.sort((a, b) -> Long.compare(b.get("duration_ms").asLong(), a.get("duration_ms").asLong()));
        long stepsMs = steps.stream().mapToLong(s -> s.get("duration_ms").asLong()).sum();
        System.out.printf("    the run's %d steps take %.1f s of it (the rest: planning, fetching, the ledger)%n",
                steps.size(), stepsMs / 1000.0);
        for (JsonNode s : steps.subList(0, Math.min(Integer.getInteger("bench.steps", 12), steps.size()))) {
            System.out.printf("    %7d ms  %s%n", s.get("duration_ms").asLong(), s.get("step").asText());
        }
        if (run.has("error")) {
            System.out.println("    error: " + run.get("error"));
        }
    }

    /** The statements the run's chunks ran in the warehouse, from the run's last log line. */
    private static void statements(JarProcess app, JsonNode run) throws Exception {
        String id = run.get("run_id").asText();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("Run " + java.util.regex.Pattern.quote(id)
                + " succeeded: .*, (\\d+) statements in (\\d+) chunk");
        for (String l : app.log().lines().toList()) {
            java.util.regex.Matcher m = line.matcher(l);
            if (m.find()) {
                long n = Long.parseLong(m.group(1));
                int chunks = Integer.parseInt(m.group(2));
                System.out.printf("    statements in the warehouse: %d in %d chunk(s), %.0f a chunk%n", n, chunks,
                        (double) n / chunks);
            }
        }
    }

    /** A field of /proc/PID/status in kB (Linux), 0 elsewhere. */
    static long rss(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
