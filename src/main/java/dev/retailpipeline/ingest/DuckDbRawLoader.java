package dev.retailpipeline.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

import dev.retailpipeline.time.HourRange;
import org.apache.camel.ExchangeProperty;

/**
 * DuckDB's bulk path: the marshalled parts of a chunk ({@link NdjsonBulkFormat}) are staged as files in a folder of the
 * chunk under {@code ingest.staging-dir} while the chunk's stream is split; once it is, {@link #finish} loads each raw
 * table with one {@code insert into raw_x select ... from read_json(the table's files, columns = {...})}, DuckDB's own
 * JSON reader, which reads several files on all its threads (a part at a time it read on one, and the source waited
 * for each load: a month at scale 10 spent 11 s in the loads). Every source column is read as VARCHAR, so each receives
 * the text as sent. The folder is removed once loaded, and when the next chunk begins.
 */
public final class DuckDbRawLoader extends StagingRawLoader {
    private final Map<RawTable, String> inserts = new EnumMap<>(RawTable.class);

    /** @param stagingDir folder for the staged files (created if missing; {@code ingest.staging-dir}) */
    public DuckDbRawLoader(DataSource transaction, Path stagingDir) {
        super(transaction, stagingDir);
        for (RawTable t : RawTable.values()) {
            inserts.put(t, insertSql(t));
        }
    }

    /** Deletes the chunk's hours (a replay replaces them) and starts the chunk's folder of staged files. */
    @Override
    public void deleteHours(@ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                            @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException {
        beginChunk();
        super.deleteHours(hours, progress);
    }

    /**
     * Loads the chunk's staged files, one insert per raw table with rows in the chunk, each checked against the rows
     * staged; the folder is removed after.
     */
    @Override
    public void finish(@ExchangeProperty(IngestProgress.HOURS) HourRange hours,
                       @ExchangeProperty(IngestProgress.RUN_ID) String runId,
                       @ExchangeProperty(IngestProgress.LOADED_AT) String loadedAt,
                       @ExchangeProperty(IngestProgress.PROPERTY) IngestProgress progress) throws SQLException {
        IngestProgress p = progress == null ? IngestProgress.NONE : progress;
        try (Connection c = transaction.getConnection()) {
            for (Map.Entry<RawTable, Long> e : staged.entrySet()) {
                RawTable table = e.getKey();
                String step = "load " + table.rawTable();
                p.step(step);
                long t0 = System.nanoTime();
                long loaded;
                try (PreparedStatement ps = c.prepareStatement(inserts.get(table))) {
                    ps.setString(1, runId);
                    ps.setString(2, loadedAt);
                    ps.setString(3, tableDir(table).resolve("*.ndjson").toString());
                    loaded = ps.executeLargeUpdate();
                }
                if (loaded != e.getValue()) {
                    throw new SQLException("loaded " + loaded + " rows into " + table.rawTable() + " but the chunk has "
                            + e.getValue());
                }
                p.timed(step, System.nanoTime() - t0);
            }
        } finally {
            removeChunk();
        }
    }

    /**
     * {@code insert into raw_x (cols, batch_hour, run_id, loaded_at) select "k", ..., "_batch_hour", ?, ? from
     * read_json(?, ...)}; parameters: run id, loaded at, the staged files (a glob).
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
