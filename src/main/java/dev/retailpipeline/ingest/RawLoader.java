package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import dev.retailpipeline.time.HourRange;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The load steps of a chunk, inside the chunk's open transaction (the {@link DataSource} hands out its one
 * connection): {@link #deleteHours} makes a replay replace the chunk's hours, {@link #load} bulk-loads one table's
 * marshalled rows through the database's own path. One per database ({@link DuckDbRawLoader},
 * {@link PostgresRawLoader}, {@link SparkRawLoader}).
 */
public abstract class RawLoader {

    protected final DataSource transaction;

    protected RawLoader(DataSource transaction) {
        this.transaction = transaction;
    }

    /**
     * Deletes the chunk's hours from every raw table, so loading them again replaces them (skipped when none of
     * them has a summary row: the summary is committed with the rows, so such hours have no rows anywhere).
     */
    public void deleteHours(@ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                            @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException {
        IngestProgress p = progress == null ? IngestProgress.NONE : progress;
        p.step("replace hours");
        long t0 = System.nanoTime();
        try (Connection c = transaction.getConnection()) {
            if (mayHoldRows(c, hours)) {
                for (String table : tables()) {
                    try (PreparedStatement ps = c.prepareStatement("delete from " + table
                            + " where batch_hour >= cast(? as timestamp) and batch_hour < cast(? as timestamp)")) {
                        ps.setString(1, HourRange.sqlTimestamp(hours.from()));
                        ps.setString(2, HourRange.sqlTimestamp(hours.to()));
                        ps.executeUpdate();
                    }
                }
            }
        }
        p.timed("replace hours", System.nanoTime() - t0);
    }

    /**
     * Whether the hours may have rows in some raw table: only when their summary rows are there, since a chunk's rows
     * and its summary commit together. A database without transactions overrides this (a load cut short leaves rows
     * without their summary).
     */
    protected boolean mayHoldRows(Connection c, HourRange hours) throws SQLException {
        return loaded(c, hours);
    }

    private static boolean loaded(Connection c, HourRange hours) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + RawTable.SUMMARY_TABLE
                + " where batch_hour >= cast(? as timestamp) and batch_hour < cast(? as timestamp)")) {
            ps.setString(1, HourRange.sqlTimestamp(hours.from()));
            ps.setString(2, HourRange.sqlTimestamp(hours.to()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /** Every raw table that holds rows of a batch. */
    static List<String> tables() {
        List<String> tables = new ArrayList<>();
        for (RawTable t : RawTable.values()) {
            tables.add(t.rawTable());
        }
        return tables;
    }

    /** Bulk-loads one table's marshalled rows; fails unless every row arrived. Returns the rows loaded. */
    public long load(@Body InputStream data, @Header(IngestProgress.TABLE_HEADER) String table,
                     @Header(IngestProgress.ROWS_HEADER) long rows,
                     @ExchangeProperty(IngestProgress.RUN_ID) String runId,
                     @ExchangeProperty(IngestProgress.LOADED_AT) String loadedAt,
                     @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException, IOException {
        IngestProgress p = progress == null ? IngestProgress.NONE : progress;
        RawTable t = RawTable.valueOf(table);
        String step = "load " + t.rawTable();
        p.step(step);
        long t0 = System.nanoTime();
        long loaded;
        try (Connection c = transaction.getConnection(); InputStream in = data) {
            loaded = bulkLoad(c, t, in, runId, loadedAt);
        }
        if (loaded != rows) {
            throw new SQLException("loaded " + loaded + " rows into " + t.rawTable() + " but the chunk has " + rows);
        }
        p.timed(step, System.nanoTime() - t0);
        p.loaded(t, loaded);
        return loaded;
    }

    /**
     * After the chunk's stream is split and every part loaded: what the loader left for the end of the chunk (Spark
     * loads the files it staged); nothing for a loader that loads each part as it comes.
     */
    public void finish(@ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                       @ExchangeProperty(IngestProgress.RUN_ID) String runId,
                       @ExchangeProperty(IngestProgress.LOADED_AT) String loadedAt,
                       @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException {
    }

    /** The database's bulk path for one table's marshalled rows, inside the open transaction; returns rows written. */
    protected abstract long bulkLoad(Connection c, RawTable table, InputStream data, String runId, String loadedAt)
            throws SQLException, IOException;
}
