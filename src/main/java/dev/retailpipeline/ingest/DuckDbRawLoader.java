package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * DuckDB's bulk path: each chunk is written to a staged NDJSON file and read by
 * {@code insert into raw_x select ... from read_json(file, columns = {...})}, DuckDB's own parallel JSON
 * reader. The chunk's numbers and booleans arrive as strings ({@link ChunkFormat#NDJSON}), so every varchar
 * column gets the source text as sent. Measured faster here than the appender fed from Java (see
 * LoadBenchmark). Staged files are deleted right after their insert.
 */
public final class DuckDbRawLoader extends AbstractRawLoader {
    private final Path stagingDir;
    private final Map<RawTable, String> inserts = new EnumMap<>(RawTable.class);

    /** @param stagingDir folder for the staged files (created if missing) */
    public DuckDbRawLoader(Path stagingDir) {
        this.stagingDir = stagingDir;
        for (RawTable t : RawTable.values()) {
            inserts.put(t, insertSql(t));
        }
    }

    /** Stages files under {@code <java.io.tmpdir>/retail-pipeline-staging}. */
    public DuckDbRawLoader() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "retail-pipeline-staging"));
    }

    @Override
    public ChunkFormat chunkFormat() {
        return ChunkFormat.NDJSON;
    }

    @Override
    protected long bulkLoad(TableChunk chunk) throws SQLException {
        Path file = stage(stagingDir, chunk);
        try (PreparedStatement ps = connection.prepareStatement(inserts.get(chunk.table()))) {
            ps.setString(1, hourText);
            ps.setString(2, runId);
            ps.setString(3, loadedAtText);
            ps.setString(4, file.toString());
            return ps.executeLargeUpdate();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a left-over staged file is harmless; the next run's files have other names
            }
        }
    }

    /** Writes a chunk to a new staged file in the folder and returns its path. */
    static Path stage(Path stagingDir, TableChunk chunk) throws SQLException {
        try {
            Files.createDirectories(stagingDir);
            Path file = stagingDir.resolve(chunk.table().source() + "-" + UUID.randomUUID() + ".ndjson");
            try (OutputStream out = Files.newOutputStream(file)) {
                chunk.writeTo(out);
            }
            return file;
        } catch (IOException e) {
            throw new SQLException("cannot stage " + chunk + " in " + stagingDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code insert into raw_x (cols, batch_hour, run_id, loaded_at) select "k", ..., ?, ?, ? from
     * read_json(?, ...)}; parameters: batch hour, run id, loaded at, staged file.
     */
    static String insertSql(RawTable t) {
        StringBuilder select = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (RawTable.Column c : t.columns()) {
            select.append('"').append(c.jsonKey()).append("\", ");
            if (columns.length() > 0) {
                columns.append(", ");
            }
            columns.append('\'').append(c.jsonKey()).append("': 'VARCHAR'");
        }
        return "insert into " + t.rawTable() + " (" + t.insertColumnList() + ") select " + select
                + "cast(? as timestamp), ?, cast(? as timestamp) from read_json(?, format = 'newline_delimited', "
                + "columns = {" + columns + "})";
    }
}
