package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's bulk path: {@code COPY raw_x (...) FROM STDIN (FORMAT csv)} through the driver's CopyManager,
 * streaming the marshalled rows ({@link CsvBulkFormat}, load metadata included).
 */
public final class PostgresRawLoader extends RawLoader {
    private final Map<RawTable, String> copies = new EnumMap<>(RawTable.class);

    public PostgresRawLoader(DataSource transaction) {
        super(transaction);
        for (RawTable t : RawTable.values()) {
            copies.put(t, "copy " + t.rawTable() + " (" + t.insertColumnList() + ") from stdin with (format csv)");
        }
    }

    @Override
    protected long bulkLoad(Connection c, RawTable table, InputStream data, String runId, String loadedAt)
            throws SQLException, IOException {
        if (transaction instanceof dev.retailpipeline.warehouse.SharedTransaction shared) {
            shared.countStatements(1); // COPY runs through the driver's copy API, not a JDBC statement
        }
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn(copies.get(table), data, 1 << 16);
    }
}
