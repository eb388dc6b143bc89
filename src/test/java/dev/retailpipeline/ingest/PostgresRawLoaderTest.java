package dev.retailpipeline.ingest;

import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL raw loader against a real PostgreSQL, started once for the class. */
class PostgresRawLoaderTest extends RawLoaderContract {
    static EmbeddedPostgres pg;
    static Warehouse wh;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        wh = new Warehouse(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = wh.connect()) {
            SqlFolder.of(wh.dialect()).runStage(c, "00_raw");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    Warehouse warehouse() {
        return wh;
    }

    @Override
    TableChunk poisonChunk() {
        byte[] tooManyFields = "1,2,3,4,5,6,7,8,9,10,11,12,13".getBytes(StandardCharsets.UTF_8);
        return new TableChunk(RawTable.PAYMENTS, 1, ChunkFormat.CSV, tooManyFields, tooManyFields.length,
                new int[] {tooManyFields.length});
    }
}
