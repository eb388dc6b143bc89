package dev.retailpipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Load benchmark (a main class, not a test): the staging load path (split + marshal + load + commit, hour by
 * hour, as the pipeline does) against the same database's bulk path alone on the same rows, in the same run.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *     dev.retailpipeline.ingest.LoadBenchmark duckdb 7 10
 * </pre>
 *
 * Arguments: dialect (duckdb | postgres; postgres starts an embedded PostgreSQL), days (7), scale (10), dirty (0).
 * It lives in the test tree because it needs the generator's test-free API and embedded PostgreSQL, which is
 * a test dependency and stays out of the runnable jar.
 */
public final class LoadBenchmark {
    private static final long SEED = 42;
    private static final String RUN = "bench";

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Dialect dialect = Dialect.fromName(args.length > 0 ? args[0] : "duckdb");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double dirty = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        int hoursCount = days * 24;

        long t0 = System.nanoTime();
        RetailGenerator gen = new RetailGenerator(new GeneratorConfig(ShopHours.parse("2026-10-01T00")));
        long first = ShopHours.parse("2026-11-16T00");
        List<byte[]> hours = new ArrayList<>();
        long bytes = 0;
        for (long h = first; h < first + hoursCount; h++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            gen.writeHour(new BatchSpec(SEED, h, scale, dirty), Format.NDJSON, null, out);
            hours.add(out.toByteArray());
            bytes += out.size();
        }
        System.out.printf(Locale.ROOT, "generated %d hours (%s, %d days, scale %s, dirty %s): %.1f MB NDJSON in %.1f s%n",
                hoursCount, ShopHours.format(first), days, scale, dirty, bytes / 1e6, (System.nanoTime() - t0) / 1e9);

        Path tmp = Files.createTempDirectory("load-benchmark");
        EmbeddedPostgres pg = null;
        Warehouse wh;
        if (dialect == Dialect.POSTGRES) {
            pg = EmbeddedPostgres.builder().start();
            wh = new Warehouse(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } else {
            wh = Warehouse.of("jdbc:duckdb:" + tmp.resolve("bench.duckdb"));
        }
        try (Connection c = wh.connect()) {
            Path staging = tmp.resolve("staging");
            RawIngest ingest = new RawIngest(wh, staging);
            // (b) takes rows already marshalled for the database's bulk path: CSV for PostgreSQL's COPY
            BatchSplitter splitter = new BatchSplitter(dialect == Dialect.POSTGRES ? ChunkFormat.CSV
                    : ingest.loader().chunkFormat());

            // warm-up: one day through the staging path, then empty tables
            resetRawTables(c);
            for (int i = 0; i < Math.min(24, hours.size()); i++) {
                ingest.loadHour(c, new ByteArrayInputStream(hours.get(i)), RUN);
            }

            // (a) the staging load path, hour by hour
            resetRawTables(c);
            long rowsA = 0;
            long split = 0;
            long start = System.nanoTime();
            for (byte[] hour : hours) {
                LoadResult r = ingest.loadHour(c, new ByteArrayInputStream(hour), RUN);
                rowsA += r.rows().values().stream().mapToLong(Long::longValue).sum();
                split += r.splitNanos();
            }
            double secA = (System.nanoTime() - start) / 1e9;
            report("(a) staging path: split + marshal + load + commit", rowsA, secA);
            System.out.printf(Locale.ROOT, "    of which split + marshal %.2f s (%.0f rows/s)%n", split / 1e9,
                    rowsA / (split / 1e9));

            // the same rows, split and marshalled up front (not timed)
            List<StagedBatch> staged = new ArrayList<>();
            for (byte[] hour : hours) {
                staged.add(splitter.split(hour));
            }
            if (dialect == Dialect.DUCKDB) {
                DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
                resetRawTables(c);
                Bulk files = readJsonOfStagedFiles(duck, staged, staging);
                report("(b) DuckDB read_json of pre-staged files", files.rows, files.seconds);
                resetRawTables(c);
                Bulk appender = appender(duck, staged);
                report("(b) DuckDB appender of pre-parsed values", appender.rows, appender.seconds);
                ratio(rowsA, secA, "read_json", files);
                ratio(rowsA, secA, "appender", appender);
            } else {
                resetRawTables(c);
                Bulk copy = copyOfCsv(c, staged);
                report("(b) PostgreSQL COPY of pre-marshalled CSV", copy.rows, copy.seconds);
                ratio(rowsA, secA, "COPY", copy);
            }
        } finally {
            wh.close();
            if (pg != null) {
                pg.close();
            }
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Rows loaded by a bulk path alone, and the seconds it took. */
    record Bulk(long rows, double seconds) {
    }

    /**
     * The database's own bulk path alone on the given hours' batches, into empty raw tables of {@code wh}, a
     * commit per hour: DuckDB's read_json of files staged up front, PostgreSQL's COPY of CSV made up front.
     */
    static Bulk bulkPathAlone(Warehouse wh, List<byte[]> hours, Path staging) throws Exception {
        try (Connection c = wh.connect()) {
            Dialect dialect = wh.dialect();
            RawIngest ingest = new RawIngest(wh, staging);
            BatchSplitter splitter = new BatchSplitter(dialect == Dialect.POSTGRES ? ChunkFormat.CSV
                    : ingest.loader().chunkFormat());
            List<StagedBatch> staged = new ArrayList<>();
            for (byte[] hour : hours) {
                staged.add(splitter.split(hour));
            }
            resetRawTables(c);
            return dialect == Dialect.DUCKDB ? readJsonOfStagedFiles(c.unwrap(DuckDBConnection.class), staged, staging)
                    : copyOfCsv(c, staged);
        }
    }

    static void report(String what, long rows, double seconds) {
        System.out.printf(Locale.ROOT, "%-52s %,10d rows %7.2f s %,12.0f rows/s%n", what, rows, seconds,
                rows / seconds);
    }

    private static void ratio(long rowsA, double secA, String name, Bulk b) {
        System.out.printf(Locale.ROOT, "ratio (a)/(b %s) = %.2f%n", name, (rowsA / secA) / (b.rows / b.seconds));
    }

    private static void resetRawTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : AbstractRawLoader.tablesOfABatch()) {
                st.execute("drop table if exists " + t);
            }
        }
        SqlFolder.of(Dialect.fromUrl(c.getMetaData().getURL())).runStage(c, "00_raw");
    }

    /** Files staged up front; timed: one insert ... select from read_json per chunk, a commit per hour. */
    private static Bulk readJsonOfStagedFiles(DuckDBConnection c, List<StagedBatch> staged, Path dir)
            throws Exception {
        List<List<Path>> files = new ArrayList<>();
        for (StagedBatch b : staged) {
            List<Path> hour = new ArrayList<>();
            for (TableChunk chunk : b.allChunks()) {
                hour.add(chunk.rows() == 0 ? null : DuckDbRawLoader.stage(dir, chunk));
            }
            files.add(hour);
        }
        c.setAutoCommit(false);
        long rows = 0;
        long start = System.nanoTime();
        for (int i = 0; i < staged.size(); i++) {
            List<TableChunk> chunks = staged.get(i).allChunks();
            String hour = AbstractRawLoader.TIMESTAMP.format(staged.get(i).hour());
            for (int j = 0; j < chunks.size(); j++) {
                Path file = files.get(i).get(j);
                if (file == null) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement(DuckDbRawLoader.insertSql(chunks.get(j).table()))) {
                    ps.setString(1, hour);
                    ps.setString(2, RUN);
                    ps.setString(3, hour);
                    ps.setString(4, file.toString());
                    rows += ps.executeLargeUpdate();
                }
            }
            c.commit();
        }
        double sec = (System.nanoTime() - start) / 1e9;
        c.setAutoCommit(true);
        for (List<Path> hour : files) {
            for (Path p : hour) {
                if (p != null) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return new Bulk(rows, sec);
    }

    /** Values parsed up front into strings; timed: the appender per chunk, a commit per hour. */
    private static Bulk appender(DuckDBConnection c, List<StagedBatch> staged) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<List<String[][]>> values = new ArrayList<>();
        for (StagedBatch b : staged) {
            List<String[][]> hour = new ArrayList<>();
            for (TableChunk chunk : b.allChunks()) {
                String[] lines = new String(chunk.data(), 0, chunk.length(), StandardCharsets.UTF_8).split("\n");
                String[][] rows = new String[chunk.rows() == 0 ? 0 : lines.length][];
                for (int r = 0; r < rows.length; r++) {
                    JsonNode row = mapper.readTree(lines[r]);
                    List<RawTable.Column> cols = chunk.table().columns();
                    rows[r] = new String[cols.size()];
                    for (int k = 0; k < cols.size(); k++) {
                        JsonNode v = row.get(cols.get(k).jsonKey());
                        rows[r][k] = v == null || v.isNull() ? null : v.asText();
                    }
                }
                hour.add(rows);
            }
            values.add(hour);
        }
        c.setAutoCommit(false);
        long rows = 0;
        long start = System.nanoTime();
        for (int i = 0; i < staged.size(); i++) {
            LocalDateTime hour = staged.get(i).hour();
            List<TableChunk> chunks = staged.get(i).allChunks();
            for (int j = 0; j < chunks.size(); j++) {
                String[][] table = values.get(i).get(j);
                if (table.length == 0) {
                    continue;
                }
                try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                        chunks.get(j).table().rawTable())) {
                    for (String[] row : table) {
                        app.beginRow();
                        for (String v : row) {
                            if (v == null) {
                                app.appendNull();
                            } else {
                                app.append(v);
                            }
                        }
                        app.append(hour);
                        app.append(RUN);
                        app.append(hour);
                        app.endRow();
                    }
                }
                rows += table.length;
            }
            c.commit();
        }
        double sec = (System.nanoTime() - start) / 1e9;
        c.setAutoCommit(true);
        return new Bulk(rows, sec);
    }

    /** CSV with metadata marshalled up front; timed: one COPY per chunk, a commit per hour. */
    private static Bulk copyOfCsv(Connection c, List<StagedBatch> staged) throws Exception {
        List<List<byte[]>> csv = new ArrayList<>();
        for (StagedBatch b : staged) {
            List<byte[]> hour = new ArrayList<>();
            String suffix = "," + AbstractRawLoader.TIMESTAMP.format(b.hour()) + ",\"" + RUN + "\","
                    + AbstractRawLoader.TIMESTAMP.format(b.hour()) + "\n";
            byte[] sfx = suffix.getBytes(StandardCharsets.UTF_8);
            for (TableChunk chunk : b.allChunks()) {
                ByteBuf all = new ByteBuf(chunk.length() + chunk.rowEnds().length * sfx.length);
                int from = 0;
                for (int end : chunk.rowEnds()) {
                    all.put(chunk.data(), from, end - from);
                    all.put(sfx, 0, sfx.length);
                    from = end;
                }
                hour.add(java.util.Arrays.copyOf(all.a, all.n));
            }
            csv.add(hour);
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        c.setAutoCommit(false);
        long rows = 0;
        long start = System.nanoTime();
        for (int i = 0; i < staged.size(); i++) {
            List<TableChunk> chunks = staged.get(i).allChunks();
            for (int j = 0; j < chunks.size(); j++) {
                byte[] data = csv.get(i).get(j);
                if (data.length == 0) {
                    continue;
                }
                var in = copy.copyIn(PostgresRawLoader.copySql(chunks.get(j).table()));
                in.writeToCopy(data, 0, data.length);
                rows += in.endCopy();
            }
            c.commit();
        }
        double sec = (System.nanoTime() - start) / 1e9;
        c.setAutoCommit(true);
        return new Bulk(rows, sec);
    }
}
