package dev.retailpipeline.ingest;

import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB raw loader against a real DuckDB file. */
class DuckDbRawLoaderTest extends RawLoaderContract {
    @TempDir
    static Path dbDir;
    static Warehouse wh;

    @BeforeAll
    static void openWarehouse() throws Exception {
        wh = Warehouse.of("jdbc:duckdb:" + dbDir.resolve("warehouse.duckdb"));
        try (Connection c = wh.connect()) {
            SqlFolder.of(wh.dialect()).runStage(c, "00_raw");
        }
    }

    @AfterAll
    static void closeWarehouse() throws Exception {
        wh.close();
    }

    @Override
    Warehouse warehouse() {
        return wh;
    }

    @Override
    TableChunk poisonChunk() {
        byte[] notJson = "{\"payment_id\": oops}\n".getBytes(StandardCharsets.UTF_8);
        return new TableChunk(RawTable.PAYMENTS, 1, ChunkFormat.NDJSON, notJson, notJson.length, null);
    }
}
