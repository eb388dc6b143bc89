package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * DuckDB's bulk path: the marshalled rows ({@link NdjsonBulkFormat}) are staged as a file and read by
 * {@code insert into raw_x select ... from read_json(file, columns = {...})}, DuckDB's own parallel JSON reader.
 * Every source column is read as VARCHAR, so each receives the text as sent. A staged file is deleted right after
 * its insert.
 */
public final class DuckDbRawLoader extends RawLoader {
    private static final int STAGE_BUFFER = 1 << 16;

    private final Path stagingDir;
    private final Map<RawTable, String> inserts = new EnumMap<>(RawTable.class);

    /** @param stagingDir folder for the staged files (created if missing; {@code ingest.staging-dir}) */
    public DuckDbRawLoader(DataSource transaction, Path stagingDir) {
        super(transaction);
        this.stagingDir = stagingDir;
        for (RawTable t : RawTable.values()) {
            inserts.put(t, insertSql(t));
        }
    }

    @Override
    protected long bulkLoad(Connection c, RawTable table, InputStream data, String runId, String loadedAt)
            throws SQLException, IOException {
        Files.createDirectories(stagingDir);
        Path file = stagingDir.resolve(table.source().replace("_", "") + "-" + UUID.randomUUID() + ".ndjson");
        try {
            stage(data, file);
            try (PreparedStatement ps = c.prepareStatement(inserts.get(table))) {
                ps.setString(1, runId);
                ps.setString(2, loadedAt);
                ps.setString(3, file.toString());
                return ps.executeLargeUpdate();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Writes the part to its file through a small buffer: {@code Files.copy} hands a byte-array stream's whole array to
     * the file's stream, which kept every part of a chunk reachable until the chunk ended (over 60 MB of heap).
     */
    static void stage(InputStream data, Path file) throws IOException {
        byte[] buffer = new byte[STAGE_BUFFER];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = data.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /**
     * {@code insert into raw_x (cols, batch_hour, run_id, loaded_at) select "k", ..., "_batch_hour", ?, ? from
     * read_json(?, ...)}; parameters: run id, loaded at, staged file.
     */
    static String insertSql(RawTable t) {
        StringBuilder select = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (RawTable.Column c : t.columns()) {
            select.append('"').append(c.jsonKey()).append("\", ");
            columns.append('\'').append(c.jsonKey()).append("': 'VARCHAR', ");
        }
        columns.append('\'').append(NdjsonBulkFormat.HOUR_KEY).append("': 'VARCHAR'");
        return "insert into " + t.rawTable() + " (" + t.insertColumnList() + ") select " + select
                + "cast(\"" + NdjsonBulkFormat.HOUR_KEY + "\" as timestamp), ?, cast(? as timestamp) from read_json(?, "
                + "format = 'newline_delimited', columns = {" + columns + "})";
    }
}
