package dev.retailpipeline.ingest;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Ingestion into a real PostgreSQL (embedded binaries, started once), a new database per test. */
class IngestionPostgresTest extends IngestionContract {

    static EmbeddedPostgres pg;
    static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @Override
    Map<String, String> warehouse() throws Exception {
        String name = "ingest_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return Map.of("warehouse.url", pg.getJdbcUrl("postgres", name), "warehouse.user", "postgres",
                "warehouse.password", "postgres");
    }
}
