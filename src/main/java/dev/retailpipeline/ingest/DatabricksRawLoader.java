package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import dev.retailpipeline.time.HourRange;

/**
 * A Databricks SQL warehouse's bulk path: the marshalled rows ({@link NdjsonBulkFormat}, every value a JSON string) are
 * staged as a local file, uploaded into a Unity Catalog volume with the driver's {@code PUT}, loaded with one
 * {@code COPY INTO raw_x FROM (select ... from '<volume file>')}, and removed from the volume. The volume folder is
 * {@code warehouse.stage-dir} (e.g. {@code /Volumes/main/retail/stage}); the local folder is
 * {@code ingest.staging-dir}, the one the driver is told it may upload from. As on Spark, there are no
 * multi-statement transactions: a chunk's hours are always deleted before they are loaded again.
 */
public final class DatabricksRawLoader extends RawLoader {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:-]+");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]{1,15}");

    private final Path localDir;
    private final String volumeDir;

    public DatabricksRawLoader(DataSource transaction, Path localDir, String volumeDir) {
        super(transaction);
        this.localDir = localDir.toAbsolutePath().normalize();
        this.volumeDir = volumeDir.endsWith("/") ? volumeDir.substring(0, volumeDir.length() - 1) : volumeDir;
        if (!PLAIN.matcher(this.localDir.toString()).matches() || !PLAIN.matcher(this.volumeDir).matches()
                || !this.volumeDir.startsWith("/Volumes/")) {
            throw new IllegalArgumentException("warehouse.stage-dir must be a Unity Catalog volume folder such as "
                    + "/Volumes/main/retail/stage, and ingest.staging-dir a plain path: " + volumeDir + ", " + localDir);
        }
    }

    @Override
    protected boolean mayHoldRows(Connection c, HourRange hours) {
        return true;
    }

    @Override
    protected long bulkLoad(Connection c, RawTable table, InputStream data, String runId, String loadedAt)
            throws SQLException, IOException {
        String name = table.source().replace("_", "") + "-" + UUID.randomUUID() + ".json";
        Files.createDirectories(localDir);
        Path file = localDir.resolve(name);
        String staged = volumeDir + "/" + name;
        try {
            Files.copy(data, file, StandardCopyOption.REPLACE_EXISTING);
            try (Statement s = c.createStatement()) {
                s.execute("PUT '" + file + "' INTO '" + staged + "' OVERWRITE");
                long loaded;
                try (ResultSet rs = s.executeQuery(copySql(table, staged, runId, loadedAt))) {
                    loaded = insertedRows(rs);
                }
                s.execute("REMOVE '" + staged + "'");
                return loaded;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * {@code COPY INTO raw_x FROM (select `k` as col, ..., the batch hour, run id and load time from 'file')}. The run
     * id and load time are the run's own values (checked to be a plain id and a timestamp), written as literals:
     * {@code COPY INTO} takes no parameters.
     */
    static String copySql(RawTable t, String stagedFile, String runId, String loadedAt) {
        if (!RUN_ID.matcher(runId).matches() || !TIMESTAMP.matcher(loadedAt).matches()) {
            throw new IllegalArgumentException("not a run id and a load time: " + runId + ", " + loadedAt);
        }
        StringBuilder select = new StringBuilder();
        for (RawTable.Column c : t.columns()) {
            select.append("cast(`").append(c.jsonKey()).append("` as string) as ").append(c.name()).append(", ");
        }
        return "COPY INTO " + t.rawTable() + " FROM (SELECT " + select
                + "cast(`" + NdjsonBulkFormat.HOUR_KEY + "` as timestamp) as batch_hour, '" + runId + "' as run_id, "
                + "cast('" + loadedAt + "' as timestamp) as loaded_at FROM '" + stagedFile + "') "
                + "FILEFORMAT = JSON FORMAT_OPTIONS ('primitivesAsString' = 'true') COPY_OPTIONS ('force' = 'true')";
    }

    /** COPY INTO answers one row of counts; the rows it inserted. */
    private static long insertedRows(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("COPY INTO gave no counts");
        }
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnLabel(i).equalsIgnoreCase("num_inserted_rows")) {
                return rs.getLong(i);
            }
        }
        return rs.getLong(1);
    }
}
