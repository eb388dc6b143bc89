package dev.retailpipeline.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest {

    @Test
    void theDialectComesFromTheJdbcUrl() {
        assertEquals(Dialect.DUCKDB, Dialect.fromUrl("jdbc:duckdb:data/warehouse.duckdb"));
        assertEquals(Dialect.DUCKDB, Dialect.fromUrl("jdbc:duckdb:"));
        assertEquals(Dialect.POSTGRES, Dialect.fromUrl("jdbc:postgresql://localhost:5432/shop"));
        assertEquals(Dialect.SPARK, Dialect.fromUrl("jdbc:databricks://host:443/default;transportMode=http"));
        assertEquals(Dialect.SPARK, Dialect.fromUrl("jdbc:hive2://127.0.0.1:10000/default"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.fromUrl("jdbc:mysql://x/y?password=hunter2"));
    }

    @Test
    void secretsNeverShowInTheDescription() {
        Warehouse wh = new Warehouse("jdbc:postgresql://db:5432/shop?user=etl&password=hunter2", "etl", "s3cret");
        assertFalse(wh.toString().contains("hunter2"), wh.toString());
        assertFalse(wh.toString().contains("s3cret"), wh.toString());
        assertTrue(wh.toString().contains("password=****"), wh.toString());
        String databricks = Warehouse.maskUrl("jdbc:databricks://h:443;AuthMech=3;UID=token;PWD=dapi123;x=1");
        assertEquals("jdbc:databricks://h:443;AuthMech=3;UID=token;PWD=****;x=1", databricks);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dialect.fromUrl("jdbc:mysql://x/y?password=hunter2"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void theSetupRunsOnTheFirstConnectionThatSucceedsAndIsTriedAgainAfterAFailure() throws Exception {
        int[] calls = {0};
        try (Warehouse wh = Warehouse.of("jdbc:duckdb:").setUp(c -> {
            calls[0]++;
            if (calls[0] == 1) {
                throw new java.sql.SQLException("the database is away");
            }
            try (Statement st = c.createStatement()) {
                st.execute("create table made_by_setup (x integer)");
            }
        })) {
            assertThrows(java.sql.SQLException.class, wh::connect);
            try (Connection a = wh.connect(); Connection b = wh.connect(); Statement st = b.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from made_by_setup")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            assertEquals(2, calls[0], "tried again after the failure, then never again");
        }
    }

    @Test
    void duckDbConnectionsShareOneOpenFileDatabase(@TempDir Path dir) throws Exception {
        try (Warehouse wh = Warehouse.of("jdbc:duckdb:" + dir.resolve("sub/w.duckdb"))) {
            try (Connection a = wh.connect(); Statement st = a.createStatement()) {
                st.execute("create table t (x integer)");
                st.execute("insert into t values (1), (2)");
            }
            try (Connection b = wh.connect(); Statement st = b.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from t")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void anInMemoryDuckDbIsOneDatabaseForAllConnectionsOfTheWarehouse() throws Exception {
        try (Warehouse wh = Warehouse.of("jdbc:duckdb:")) {
            try (Connection a = wh.connect(); Statement st = a.createStatement()) {
                st.execute("create table t (x integer)");
            }
            try (Connection b = wh.connect(); Statement st = b.createStatement()) {
                assertTrue(st.execute("select * from t"));
            }
        }
    }
}
