package dev.retailpipeline.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import dev.retailpipeline.time.HourRange;
import org.apache.camel.ExchangeProperty;

/**
 * Spark's bulk path (an Apache Spark Thrift Server on Delta tables), where every statement costs 0.2 s or more: the
 * marshalled parts of a chunk ({@link NdjsonBulkFormat}, every value a JSON string, so that Spark's reader cannot reprint
 * a number) are only written to a folder of the chunk in {@code warehouse.stage-dir}, which the engine reads too; once
 * the chunk's stream is split, {@link #finish} loads each raw table with one {@code insert into raw_x replace where}
 * (the chunk's hours) {@code select ... from_json(...)} over the table's files, which replaces the hours of a replay in
 * the same Delta version, and checks every table's rows with one count. So a chunk's raw load is nine statements,
 * whatever its size; a table with no rows in the chunk still has its hours replaced (by nothing).
 */
public final class SparkRawLoader extends StagingRawLoader {

    /** @param stageDir where the files are staged; the engine must read the same path (a shared or local folder) */
    public SparkRawLoader(javax.sql.DataSource transaction, Path stageDir) {
        super(transaction, stageDir.toAbsolutePath().normalize());
        if (!stageDir.toAbsolutePath().normalize().toString().matches("[A-Za-z0-9_./:-]+")) {
            throw new IllegalArgumentException("warehouse.stage-dir must be a plain path (letters, digits, _ . / : -): "
                    + stageDir);
        }
    }

    /** Starts the chunk's folder of staged files; the hours are replaced by {@link #finish}, in the same statements. */
    @Override
    public void deleteHours(@ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                            @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException {
        beginChunk();
    }

    /**
     * Loads the chunk's staged files: one {@code insert ... replace where} per raw table, then one statement counting
     * what every table holds in the chunk's hours, which must be what was staged; the folder is removed after.
     */
    @Override
    public void finish(@ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                       @ExchangeProperty(IngestProgress.RUN_ID) String runId,
                       @ExchangeProperty(IngestProgress.LOADED_AT) String loadedAt,
                       @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException {
        IngestProgress p = progress == null ? IngestProgress.NONE : progress;
        p.step("load staged files");
        long t0 = System.nanoTime();
        try (Connection c = transaction.getConnection()) {
            for (RawTable table : RawTable.values()) {
                boolean any = hasStaged(table);
                Path dir = any ? tableDir(table) : null;
                try (PreparedStatement ps = c.prepareStatement(any
                        ? insertSql(table, dir.toUri().toString(), runId, loadedAt)
                        : emptySql(table))) {
                    ps.setString(1, HourRange.sqlTimestamp(hours.from()));
                    ps.setString(2, HourRange.sqlTimestamp(hours.to()));
                    ps.execute();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(countSql())) {
                for (int i = 0; i < RawTable.values().length; i++) {
                    ps.setString(2 * i + 1, HourRange.sqlTimestamp(hours.from()));
                    ps.setString(2 * i + 2, HourRange.sqlTimestamp(hours.to()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RawTable table = RawTable.valueOf(rs.getString(1));
                        long expected = staged.getOrDefault(table, 0L);
                        if (rs.getLong(2) != expected) {
                            throw new SQLException("loaded " + rs.getLong(2) + " rows into " + table.rawTable()
                                    + " but the chunk has " + expected);
                        }
                    }
                }
            }
        } finally {
            removeChunk();
        }
        p.timed("load staged files", System.nanoTime() - t0);
    }

    /** The schema of a table's staged lines for {@code from_json}: every column a string, and the batch hour. */
    static String schema(RawTable t) {
        StringBuilder columns = new StringBuilder();
        for (RawTable.Column c : t.columns()) {
            columns.append('`').append(c.jsonKey()).append("` string, ");
        }
        return columns.append('`').append(NdjsonBulkFormat.HOUR_KEY).append("` string").toString();
    }

    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]{1,15}");
    /**
     * {@code insert into raw_x replace where <the chunk's hours> select <the table's columns, in its order, which
     * {@link RawTable#tableColumns()} knows> from
     * (from_json of each line of the table's files)}; parameters: the hours' from and to. The run id and the load time
     * are checked and written as literals (a replace takes its values in the table's column order).
     */
    static String insertSql(RawTable t, String folderUri, String runId, String loadedAt) {
        if (!RUN_ID.matcher(runId).matches() || !TIMESTAMP.matcher(loadedAt).matches()) {
            throw new IllegalArgumentException("not a run id and a load time: " + runId + ", " + loadedAt);
        }
        Map<String, String> sourceKeys = new java.util.HashMap<>();
        for (RawTable.Column c : t.columns()) {
            sourceKeys.put(c.name(), c.jsonKey());
        }
        java.util.List<String> select = new java.util.ArrayList<>();
        for (String column : t.tableColumns()) {
            select.add(switch (column) {
                case "batch_hour" -> "cast(r.`" + NdjsonBulkFormat.HOUR_KEY + "` as timestamp)";
                case "run_id" -> "'" + runId + "'";
                case "loaded_at" -> "cast('" + loadedAt + "' as timestamp)";
                default -> sourceKeys.containsKey(column) ? "r.`" + sourceKeys.get(column) + "`" : "null";
            } + " as " + column);
        }
        return "insert into " + t.rawTable() + " replace where batch_hour >= cast(? as timestamp) and batch_hour < "
                + "cast(? as timestamp) select " + String.join(", ", select) + " from (select from_json(value, '"
                + schema(t) + "') as r from text.`" + folderUri + "`) as staged";
    }

    /** The chunk's hours of a table with no rows in the chunk: replaced by nothing (a replay's rows go). */
    static String emptySql(RawTable t) {
        return "delete from " + t.rawTable() + " where batch_hour >= cast(? as timestamp) and batch_hour < "
                + "cast(? as timestamp)";
    }

    /** One query counting every raw table's rows in the chunk's hours; parameters: from and to, per table. */
    static String countSql() {
        StringBuilder sql = new StringBuilder();
        for (RawTable t : RawTable.values()) {
            if (sql.length() > 0) {
                sql.append(" union all ");
            }
            sql.append("select '").append(t.name()).append("' as raw_table, count(*) as loaded from ")
                    .append(t.rawTable()).append(" where batch_hour >= cast(? as timestamp) and batch_hour < "
                            + "cast(? as timestamp)");
        }
        return sql.toString();
    }
}
