package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A loader that stages a chunk's marshalled parts as files in a folder of the chunk while the chunk's stream is split,
 * and loads them once it is ({@link #finish}), a table a statement, so that the database reads many files at once:
 * DuckDB on all its threads, Spark without a statement a part. The folder is removed after the load, when the next
 * chunk begins, and (its chunk's rows never committed) when the application starts after a kill.
 */
abstract class StagingRawLoader extends RawLoader {
    private static final int BUFFER = 1 << 16;

    /** The rows staged for each table of the chunk under way. */
    protected final Map<RawTable, Long> staged = new EnumMap<>(RawTable.class);
    private final Path stageDir;
    private Path chunkDir;

    protected StagingRawLoader(DataSource transaction, Path stageDir) {
        super(transaction);
        this.stageDir = stageDir;
        if (Files.isDirectory(stageDir)) {
            try (Stream<Path> dirs = Files.list(stageDir)) {
                dirs.filter(d -> d.getFileName().toString().startsWith("chunk-")).forEach(StagingRawLoader::remove);
            } catch (IOException e) {
                // left for a later start: nothing reads them
            }
        }
    }

    /** Starts the chunk's folder, removing the one before. */
    protected final void beginChunk() {
        removeChunk();
        chunkDir = stageDir.resolve("chunk-" + UUID.randomUUID());
    }

    /** Stages a part as a file of its table's folder; returns its rows (lines, one a row). */
    @Override
    protected final long bulkLoad(Connection c, RawTable table, InputStream data, String runId, String loadedAt)
            throws IOException {
        if (chunkDir == null) {
            throw new IllegalStateException("a part of " + table.rawTable() + " arrived before its chunk began");
        }
        Path file = Files.createDirectories(tableDir(table)).resolve("part-" + UUID.randomUUID() + ".ndjson");
        long lines = 0;
        // through a small buffer: a byte-array stream hands its whole array to a file's stream, which keeps it
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = data; OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        staged.merge(table, lines, Long::sum);
        return lines;
    }

    /** The folder of a table's staged files in the chunk under way (it may not exist: no part of it came). */
    protected final Path tableDir(RawTable table) {
        return chunkDir.resolve(table.source().replace("_", ""));
    }

    /** Whether the chunk under way staged a part of the table. */
    protected final boolean hasStaged(RawTable table) {
        return chunkDir != null && Files.isDirectory(tableDir(table));
    }

    /** Removes the chunk's folder and forgets what it staged. */
    protected final void removeChunk() {
        remove(chunkDir);
        chunkDir = null;
        staged.clear();
    }

    private static void remove(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(StagingRawLoader.class).warn("Staged files left in {}: {}", dir,
                    e.getMessage());
        }
    }
}
