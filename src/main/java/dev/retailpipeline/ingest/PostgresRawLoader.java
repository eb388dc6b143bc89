package dev.retailpipeline.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: {@code COPY raw_x (...) FROM STDIN (FORMAT csv)} through the driver's
 * {@link CopyManager}. It reads {@link ChunkFormat#JSON_ROWS} chunks and marshals each row to CSV, with the
 * load metadata appended, while it streams them in buffers of {@value #SEND_SIZE} bytes: PostgreSQL parses
 * one buffer while Java marshals the next. Chunks already marshalled to {@link ChunkFormat#CSV} are streamed
 * as they are.
 */
public final class PostgresRawLoader extends AbstractRawLoader {
    private static final int SEND_SIZE = 64 * 1024;
    private final Map<RawTable, String> copies = new EnumMap<>(RawTable.class);
    private final Map<RawTable, CsvRowWriter> writers = new EnumMap<>(RawTable.class);
    private final ByteBuf send = new ByteBuf(SEND_SIZE + 4096);

    public PostgresRawLoader() {
        JsonFactory factory = new JsonFactory();
        for (RawTable t : RawTable.values()) {
            copies.put(t, copySql(t));
            writers.put(t, new CsvRowWriter(factory, t.columns()));
        }
    }

    @Override
    public ChunkFormat chunkFormat() {
        return ChunkFormat.JSON_ROWS;
    }

    @Override
    protected boolean reads(ChunkFormat format) {
        return format == ChunkFormat.JSON_ROWS || format == ChunkFormat.CSV;
    }

    @Override
    protected long bulkLoad(TableChunk chunk) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        byte[] suffix = metadataSuffix();
        CopyIn in = copy.copyIn(copies.get(chunk.table()));
        try {
            if (chunk.format() == ChunkFormat.CSV) {
                writeRows(in, chunk, suffix, send);
            } else {
                marshalRows(in, chunk, writers.get(chunk.table()), suffix, send);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Streams every row of a CSV chunk followed by the metadata fields and a line end. */
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
        flush(in, send);
    }

    /** Marshals every row of a JSON_ROWS chunk to CSV, followed by the metadata fields and a line end, and streams it. */
    static void marshalRows(CopyIn in, TableChunk chunk, CsvRowWriter writer, byte[] suffix, ByteBuf send)
            throws SQLException {
        send.n = 0;
        int from = 0;
        byte[] data = chunk.data();
        for (int end : chunk.rowEnds()) {
            try {
                writer.write(data, from, end - from, send);
            } catch (IOException e) {
                throw new SQLException("a row of " + chunk + " is not a flat JSON object (the splitter checks "
                        + "them): " + e.getMessage(), e);
            }
            send.put(suffix, 0, suffix.length);
            from = end;
            if (send.n >= SEND_SIZE) {
                in.writeToCopy(send.a, 0, send.n);
                send.n = 0;
            }
        }
        flush(in, send);
    }

    private static void flush(CopyIn in, ByteBuf send) throws SQLException {
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
