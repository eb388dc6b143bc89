package dev.retailpipeline.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.warehouse.Warehouse;

/**
 * What the warehouse holds for certain: the chunks committed (table {@code pipeline_chunks}), each written in
 * its chunk's own transaction, after its raw rows and marts (last, on an engine without multi-table
 * transactions). Runs plan from here: the next catch-up starts after its last hour, and a range whose hour before
 * it is not held starts with a snapshot.
 */
public final class Watermark {

    private final Warehouse warehouse;

    public Watermark(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Records a chunk as committed, on the chunk's own connection, inside its transaction. */
    public void record(Connection c, String runId, HourRange hours, long sourceRows, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into pipeline_chunks (run_id, chunk_from, chunk_to,"
                + " source_rows, committed_at) values (?, cast(? as timestamp), cast(? as timestamp), ?, cast(? as timestamp))")) {
            ps.setString(1, runId);
            ps.setString(2, HourRange.sqlTimestamp(hours.from()));
            ps.setString(3, HourRange.sqlTimestamp(hours.to()));
            ps.setLong(4, sourceRows);
            ps.setString(5, RunLedger.ts(at));
            ps.executeUpdate();
        }
    }

    /** The hours and source rows a run committed, by its chunks. */
    public record Committed(int hours, long rows) {
    }

    /** What the run's committed chunks hold: the truth about its progress, whatever the ledger managed to write. */
    public Committed committedBy(String runId) throws SQLException {
        int hours = 0;
        long rows = 0;
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(warehouse.dialect().sql(
                "select cast(chunk_from as varchar), cast(chunk_to as varchar), source_rows from pipeline_chunks"
                        + " where run_id = ?"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours += (int) (epochHour(rs.getString(2)) - epochHour(rs.getString(1)));
                    rows += rs.getLong(3);
                }
            }
        }
        return new Committed(hours, rows);
    }

    private static long epochHour(String timestamp) {
        return LocalDateTime.parse(timestamp.substring(0, 19).replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC) / 3600;
    }

    /** The newest hour of a committed chunk. */
    public OptionalLong lastLoadedHour() throws SQLException {
        OptionalLong end = hour("select cast(max(chunk_to) as varchar) from pipeline_chunks");
        return end.isPresent() ? OptionalLong.of(end.getAsLong() - 1) : end;
    }

    /** Whether a committed chunk holds the hour (a snapshot hour included). */
    public boolean holds(long hour) throws SQLException {
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement("select count(*) from"
                + " pipeline_chunks where chunk_from <= cast(? as timestamp) and chunk_to > cast(? as timestamp)")) {
            ps.setString(1, HourRange.sqlTimestamp(hour));
            ps.setString(2, HourRange.sqlTimestamp(hour));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private OptionalLong hour(String sql) throws SQLException {
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(warehouse.dialect().sql(sql));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String text = rs.getString(1);
            if (text == null) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(epochHour(text));
        }
    }
}
