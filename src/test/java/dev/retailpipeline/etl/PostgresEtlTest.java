package dev.retailpipeline.etl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SQL ETL on a real PostgreSQL (embedded, started once for the class), a database per test. */
class PostgresEtlTest extends EtlContract {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    Map<String, String> newWarehouse(String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        return Map.of("warehouse.url", pg.getJdbcUrl("postgres", name), "warehouse.user", "postgres",
                "warehouse.password", "postgres");
    }
}
