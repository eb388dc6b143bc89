package dev.retailpipeline.etl;

import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.Warehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * ETL benchmark (a main class, not a test): the time of the SQL ETL per hourly batch with 1 day and with 90 days
 * of history already in the warehouse. History is loaded and transformed first (untimed), then several
 * single-hour batches are loaded (untimed) and their ETL runs timed, one run per hour.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *     dev.retailpipeline.etl.EtlBenchmark duckdb 90 8
 * </pre>
 *
 * Arguments: dialect (duckdb | postgres; postgres starts an embedded PostgreSQL), long history in days (90),
 * timed hours per warehouse (8). Scale 1, clean data, the shop opening 2025-01-01T00.
 */
public final class EtlBenchmark {
    private EtlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Dialect dialect = Dialect.fromName(args.length > 0 ? args[0] : "duckdb");
        int longDays = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        int timedHours = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path tmp = Files.createTempDirectory("etl-benchmark");
        EmbeddedPostgres pg = dialect == Dialect.POSTGRES ? EmbeddedPostgres.builder().start() : null;
        try {
            double[] shortRun = measure(dialect, pg, tmp, "history_1", 1, timedHours);
            double[] longRun = measure(dialect, pg, tmp, "history_" + longDays, longDays, timedHours);
            double shortMedian = median(shortRun);
            double longMedian = median(longRun);
            System.out.printf(Locale.ROOT, "%s: ETL per hourly batch, median of %d: %.1f ms with 1 day of history, "
                    + "%.1f ms with %d days; ratio %.2f%n", dialect.folder(), timedHours, shortMedian, longMedian,
                    longDays, longMedian / shortMedian);
        } finally {
            if (pg != null) {
                pg.close();
            }
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Loads days (and a half) of history from the shop start, ETL in 10-day runs, then times timedHours
     * single-hour runs of the hours that follow.
     */
    private static double[] measure(Dialect dialect, EmbeddedPostgres pg, Path tmp, String name, int days,
                                    int timedHours) throws Exception {
        Warehouse wh;
        if (pg != null) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("create database " + name);
            }
            wh = new Warehouse(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
        } else {
            wh = Warehouse.of("jdbc:duckdb:" + tmp.resolve(name + ".duckdb"));
        }
        try (wh) {
            EtlFixtures.setUp(wh);
            Path staging = tmp.resolve("staging");
            long start = EtlFixtures.SHOP_START;
            long historyEnd = start + days * 24L + 12;
            long t0 = System.nanoTime();
            for (long from = start; from < historyEnd; from += 240) {
                long to = Math.min(historyEnd, from + 240);
                EtlFixtures.load(wh, staging, from, to, 0);
                EtlFixtures.etl(wh, from, to);
            }
            long salesRows = EtlFixtures.count(wh, "select count(*) from fct_sales");
            System.out.printf(Locale.ROOT, "%s: %d days of history loaded and transformed in %.1f s "
                    + "(%,d fct_sales rows)%n", name, days, (System.nanoTime() - t0) / 1e9, salesRows);
            // the timed hours follow the history on, from noon: a busy part of the day
            double[] ms = new double[timedHours];
            long first = historyEnd;
            for (int i = 0; i < timedHours; i++) {
                long h = first + i;
                EtlFixtures.load(wh, staging, h, h + 1, 0);
                long lines = EtlFixtures.count(wh, "select count(*) from raw_order_items where batch_hour = "
                        + "timestamp '" + EtlRunner.hourText(h) + "'");
                long t = System.nanoTime();
                EtlRunner.Result r = EtlFixtures.etl(wh, h, h + 1);
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (!r.failedChecks().isEmpty()) {
                    throw new IllegalStateException("checks failed: " + r.failedChecks());
                }
                System.out.printf(Locale.ROOT, "  %s hour %s: %d order lines, ETL %.1f ms%n", name,
                        ShopHours.format(h), lines, ms[i]);
                if (i == timedHours - 1 && System.getProperty("steps") != null) {
                    r.stepMillis().forEach((step, took) -> System.out.printf(Locale.ROOT, "    %-45s %7.1f ms%n", step, took));
                }
            }
            return ms;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
