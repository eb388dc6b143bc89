package dev.retailpipeline.dashboard;

import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

/** The same analytics endpoints and figures on a real PostgreSQL (embedded binaries). */
class AnalyticsEndpointsPostgresTest extends AnalyticsEndpointsTest {

    private EmbeddedPostgres pg;

    @Override
    Map<String, String> warehouseProperties() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        return Map.of("warehouse.url", pg.getJdbcUrl("postgres", "postgres"), "warehouse.user", "postgres",
                "warehouse.password", "postgres");
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }
}
