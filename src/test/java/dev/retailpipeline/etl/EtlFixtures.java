package dev.retailpipeline.etl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.WarehouseChecksums;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.time.HourRange;

/**
 * The product's own pipeline for the ETL tests: the application started on a warehouse with its SQL folder copied
 * into a test folder (so a test can break a file), runs started over HTTP as a user starts them, and what the
 * tests read back from the warehouse.
 */
final class EtlFixtures {
    static final long SEED = 42;
    static final double SCALE = 1;
    static final long SHOP_START = HourRange.parseHour("2025-01-01T00");
    static final RetailGenerator GENERATOR = new RetailGenerator(new GeneratorConfig(SHOP_START));

    /** The tables the ETL builds (staging, dimensions, facts, quarantine), compared by checksum. */
    static final List<String> MARTS = WarehouseChecksums.MARTS;

    private EtlFixtures() {
    }

    /** The running application on a warehouse, with its own copy of the SQL folder. */
    record Pipeline(RunningApplication app, Path sqlDir) implements AutoCloseable {

        Warehouse warehouse() {
            return app.warehouse();
        }

        /** POST /api/runs for [from, to) (days or hours) and waits for its end; returns the run. */
        JsonNode run(String from, String to) throws Exception {
            return app.awaitRun(app.post("/api/runs", "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}"));
        }

        /** As {@link #run}, and the run must succeed. */
        JsonNode load(String from, String to) throws Exception {
            JsonNode run = run(from, to);
            if (!"succeeded".equals(run.get("status").asText())) {
                throw new AssertionError("the run of " + from + ".." + to + " did not succeed: " + run);
            }
            return run;
        }

        @Override
        public void close() throws Exception {
            app.close();
        }
    }

    /**
     * Starts the application in {@code dir} on the warehouse {@code warehouseProperties} (warehouse.url, user,
     * password) with the given dirty rate and chunk size, and any further properties.
     */
    static Pipeline start(Path dir, Map<String, String> warehouseProperties, double dirty, int chunkHours,
                          Map<String, String> extra) throws Exception {
        Files.createDirectories(dir);
        Path sql = dir.resolve("sql");
        copyFolder(Path.of("sql"), sql);
        Map<String, String> props = new HashMap<>(warehouseProperties);
        props.put("generator.start", HourRange.formatHour(SHOP_START));
        props.put("generator.seed", String.valueOf(SEED));
        props.put("generator.scale", String.valueOf((int) SCALE));
        props.put("generator.dirty", String.valueOf(dirty));
        props.put("ingest.chunk-hours", String.valueOf(chunkHours));
        props.put("ingest.retry.delay-ms", "1");
        props.put("sql.dir", sql.toString());
        props.put("ingest.staging-dir", dir.resolve("staging").toString());
        props.putAll(extra);
        return new Pipeline(RunningApplication.start(dir, props), sql);
    }

    /** A checksum per table of every row (the run id and wall-clock columns left out). */
    static Map<String, String> checksums(Warehouse wh, List<String> tables) throws SQLException {
        try (Connection c = wh.connect()) {
            return WarehouseChecksums.of(c, tables);
        }
    }

    /** Checksums of the raw tables and the marts. */
    static Map<String, String> checksums(Warehouse wh) throws SQLException {
        try (Connection c = wh.connect()) {
            return WarehouseChecksums.of(c);
        }
    }

    static List<String> rows(Warehouse wh, String sql) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement()) {
            return rows(st, sql);
        }
    }

    static long count(Warehouse wh, String sql) throws SQLException {
        try (Connection c = wh.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
