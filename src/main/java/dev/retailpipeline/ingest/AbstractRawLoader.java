package dev.retailpipeline.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The transaction, the hour's replacement and the summary row, common to every database. */
abstract class AbstractRawLoader implements RawLoader {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    protected Connection connection;
    protected StagedBatch batch;
    protected String runId;
    /** batch_hour as SQL timestamp text, e.g. {@code 2026-11-23 14:00:00.000000}. */
    protected String hourText;
    /** loaded_at of every row of the batch, UTC, as SQL timestamp text. */
    protected String loadedAtText;
    private boolean previousAutoCommit;
    private boolean committed;

    @Override
    public void begin(Connection connection, StagedBatch batch, String runId) throws SQLException {
        if (this.connection != null) {
            throw new IllegalStateException("a batch is open on this loader: close it first");
        }
        this.connection = connection;
        this.batch = batch;
        this.runId = runId;
        this.hourText = TIMESTAMP.format(batch.hour());
        this.loadedAtText = TIMESTAMP.format(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        this.committed = false;
        this.previousAutoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        if (!hourIsLoaded()) {
            return;
        }
        for (String table : tablesOfABatch()) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "delete from " + table + " where batch_hour = cast(? as timestamp)")) {
                ps.setString(1, hourText);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Whether the hour has a summary row. The summary is written in the same transaction as the hour's rows, so
     * an hour without one has no rows in any raw table and the eight deletes can be skipped (a first load of an
     * hour, the common case, costs one lookup instead).
     */
    private boolean hourIsLoaded() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select count(*) from " + RawTable.SUMMARY_TABLE
                + " where batch_hour = cast(? as timestamp)")) {
            ps.setString(1, hourText);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    @Override
    public long load(TableChunk chunk) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("begin a batch first");
        }
        if (!reads(chunk.format())) {
            throw new IllegalArgumentException("this loader reads " + chunkFormat() + " chunks, got " + chunk);
        }
        if (chunk.rows() == 0) {
            return 0;
        }
        long loaded = bulkLoad(chunk);
        if (loaded != chunk.rows()) {
            throw new SQLException("loaded " + loaded + " rows into " + chunk.table().rawTable() + " but the batch "
                    + "has " + chunk.rows());
        }
        return loaded;
    }

    /** Whether {@link #load} takes chunks in the format: by default only {@link #chunkFormat()}. */
    protected boolean reads(ChunkFormat format) {
        return format == chunkFormat();
    }

    /** The database's bulk path for one chunk, inside the open transaction; returns rows written. */
    protected abstract long bulkLoad(TableChunk chunk) throws SQLException;

    @Override
    public void commit() throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("begin a batch first");
        }
        insertSummary();
        connection.commit();
        committed = true;
    }

    @Override
    public void close() throws SQLException {
        if (connection == null) {
            return;
        }
        Connection c = connection;
        connection = null;
        batch = null;
        try {
            if (!committed) {
                c.rollback();
            }
        } finally {
            c.setAutoCommit(previousAutoCommit);
        }
    }

    /** Every raw table that holds rows of a batch. */
    static List<String> tablesOfABatch() {
        List<String> tables = new ArrayList<>();
        for (RawTable t : RawTable.values()) {
            tables.add(t.rawTable());
        }
        tables.add(RawTable.SUMMARY_TABLE);
        return tables;
    }

    private void insertSummary() throws SQLException {
        BatchSummary s = batch.summary();
        String sql = "insert into " + RawTable.SUMMARY_TABLE + " (batch_hour, seed, scale, dirty, stores_rows, "
                + "customers_rows, products_rows, orders_rows, order_items_rows, payments_rows, dirty_rows, "
                + "orders_placed, units, revenue, refunds, summary_json, run_id, loaded_at) values (cast(? as "
                + "timestamp), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp))";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, hourText);
            setLong(ps, i++, s.seed());
            setDecimal(ps, i++, s.scale());
            setDecimal(ps, i++, s.dirty());
            for (RawTable t : RawTable.sourceTables()) {
                setLong(ps, i++, s.rows().get(t.source()));
            }
            setLong(ps, i++, s.dirtyRows());
            setLong(ps, i++, s.ordersPlaced());
            setLong(ps, i++, s.units());
            setDecimal(ps, i++, s.revenue());
            setDecimal(ps, i++, s.refunds());
            ps.setString(i++, s.json());
            ps.setString(i++, runId);
            ps.setString(i, loadedAtText);
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setDecimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DECIMAL);
        } else {
            ps.setBigDecimal(i, v);
        }
    }
}
