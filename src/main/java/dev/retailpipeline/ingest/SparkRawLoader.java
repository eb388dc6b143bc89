package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.retailpipeline.time.HourRange;

/**
 * Spark's bulk path (an Apache Spark Thrift Server on Delta tables): the marshalled rows ({@link NdjsonBulkFormat},
 * every value a JSON string, so Spark's JSON reader cannot reprint a number) are staged as a file in
 * {@code warehouse.stage-dir}, a folder the engine reads too, and read by a temporary view with an all-string schema;
 * one {@code insert into raw_x select ... from} that view loads the table. Spark has no multi-statement
 * transactions, so a chunk's hours are always deleted before they are loaded again: a load cut short leaves rows
 * without their summary row.
 */
public final class SparkRawLoader extends RawLoader {
    private final Path stageDir;

    /** @param stageDir where the files are staged; the engine must read the same path (a shared or local folder) */
    public SparkRawLoader(javax.sql.DataSource transaction, Path stageDir) {
        super(transaction);
        this.stageDir = stageDir.toAbsolutePath().normalize();
        if (!this.stageDir.toString().matches("[A-Za-z0-9_./:-]+")) {
            throw new IllegalArgumentException("warehouse.stage-dir must be a plain path (letters, digits, _ . / : -): "
                    + stageDir);
        }
    }

    @Override
    protected boolean mayHoldRows(Connection c, HourRange hours) {
        return true;
    }

    @Override
    protected long bulkLoad(Connection c, RawTable table, InputStream data, String runId, String loadedAt)
            throws SQLException, IOException {
        Files.createDirectories(stageDir);
        Path file = stageDir.resolve(table.source().replace("_", "") + "-" + UUID.randomUUID() + ".json");
        String view = "staged_" + table.source();
        try {
            Files.copy(data, file, StandardCopyOption.REPLACE_EXISTING);
            try (Statement s = c.createStatement()) {
                s.execute(viewSql(table, view, file.toUri().toString()));
            }
            try (PreparedStatement ps = c.prepareStatement(insertSql(table, view))) {
                ps.setString(1, runId);
                ps.setString(2, loadedAt);
                ps.execute();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + view)) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A temporary view over the staged file with every column a string (the source text as sent). */
    static String viewSql(RawTable t, String view, String fileUri) {
        StringBuilder columns = new StringBuilder();
        for (RawTable.Column c : t.columns()) {
            columns.append('`').append(c.jsonKey()).append("` string, ");
        }
        columns.append('`').append(NdjsonBulkFormat.HOUR_KEY).append("` string");
        return "create or replace temporary view " + view + " (" + columns + ") using json options (path '" + fileUri
                + "')";
    }

    /** {@code insert into raw_x (...) select ... from view}; parameters: run id, loaded at. */
    static String insertSql(RawTable t, String view) {
        StringBuilder select = new StringBuilder();
        for (RawTable.Column c : t.columns()) {
            select.append('`').append(c.jsonKey()).append("`, ");
        }
        return "insert into " + t.rawTable() + " (" + t.insertColumnList() + ") select " + select
                + "cast(`" + NdjsonBulkFormat.HOUR_KEY + "` as timestamp), ?, cast(? as timestamp) from " + view;
    }
}
