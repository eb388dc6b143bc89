package dev.retailpipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: {@code COPY raw_x (...) FROM STDIN (FORMAT csv)} through the driver's
 * {@link CopyManager}, streaming the chunk's pre-marshalled CSV rows with the load metadata appended to each.
 */
public final class PostgresRawLoader extends AbstractRawLoader {
    private static final int SEND_SIZE = 256 * 1024;
    private final Map<RawTable, String> copies = new EnumMap<>(RawTable.class);
    private final ByteBuf send = new ByteBuf(SEND_SIZE + 4096);

    public PostgresRawLoader() {
        for (RawTable t : RawTable.values()) {
            copies.put(t, copySql(t));
        }
    }

    @Override
    public ChunkFormat chunkFormat() {
        return ChunkFormat.CSV;
    }

    @Override
    protected long bulkLoad(TableChunk chunk) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        byte[] suffix = metadataSuffix();
        CopyIn in = copy.copyIn(copies.get(chunk.table()));
        try {
            writeRows(in, chunk, suffix, send);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Streams every row of the chunk followed by the metadata fields and a line end. */
    static void writeRows(CopyIn in, TableChunk chunk, byte[] suffix, ByteBuf send) throws SQLException {
        send.n = 0;
        int from = 0;
        for (int end : chunk.rowEnds()) {
            send.put(chunk.data(), from, end - from);
            send.put(suffix, 0, suffix.length);
            from = end;
            if (send.n >= SEND_SIZE) {
                in.writeToCopy(send.a, 0, send.n);
                send.n = 0;
            }
        }
        if (send.n > 0) {
            in.writeToCopy(send.a, 0, send.n);
            send.n = 0;
        }
    }

    /** {@code ,<batch_hour>,"<run_id>",<loaded_at>\n}. */
    private byte[] metadataSuffix() {
        StringBuilder sb = new StringBuilder(",").append(hourText).append(',');
        if (runId != null) {
            sb.append('"').append(runId.replace("\"", "\"\"")).append('"');
        }
        sb.append(',').append(loadedAtText).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String copySql(RawTable t) {
        return "copy " + t.rawTable() + " (" + t.insertColumnList() + ") from stdin with (format csv)";
    }
}
