package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailpipeline.warehouse.Warehouse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every raw loader must do, run against a real database by each subclass. */
abstract class RawLoaderContract {
    static final String HOUR = "2026-11-23T14";

    @TempDir
    Path staging;

    abstract Warehouse warehouse();

    /** A chunk the database refuses, in the loader's own format. */
    abstract TableChunk poisonChunk();

    RawIngest ingest() {
        return new RawIngest(warehouse(), staging);
    }

    @BeforeEach
    void emptyRawTables() throws SQLException {
        RawTables.empty(warehouse());
    }

    void loadFixture(String hour, String runId) throws Exception {
        ingest().loadHour(new ByteArrayInputStream(Fixtures.bytes(Fixtures.hour(hour))), runId);
    }

    @Test
    void loadsEveryTableOfAnHourKeepingTheSourceTextExactly() throws Exception {
        LoadResult r = ingest().loadHour(new ByteArrayInputStream(Fixtures.bytes(Fixtures.hour(HOUR))), "run-1");

        assertEquals(Map.of("stores", 1L, "customers", 1L, "products", 1L, "orders", 1L, "order_items", 2L,
                "payments", 1L, "_manifest", 1L), r.rows());
        Warehouse wh = warehouse();
        assertEquals(List.of("3|12.30|5.00|true|Mug \u2615"),
                RawTables.rows(wh, "select product_id, unit_price, unit_cost, is_active, name from raw_products"));
        assertEquals(List.of("Zoë|null||1 Elm\nSt"),
                RawTables.rows(wh, "select first_name, phone, city, street from raw_customers"));
        assertEquals(List.of("Main, \"Street\""), RawTables.rows(wh, "select name from raw_stores"));
        assertEquals(List.of("1000|2|0.60", "1001|-1|0.00"), RawTables.rows(wh,
                "select order_item_id, quantity, discount_amount from raw_order_items order by order_item_id"));
        assertEquals(List.of("order_items|1001|negative_quantity|run-1"),
                RawTables.rows(wh, "select table_name, row_key, kind, run_id from raw_batch_manifest"));
        assertEquals(List.of("2026-11-23 14:00:00|42|1|24.00|0.00"), RawTables.rows(wh,
                "select cast(batch_hour as varchar), seed, order_items_rows, revenue, refunds from raw_batch_summary"));
        assertEquals(1, RawTables.count(wh, "select count(*) from raw_orders where batch_hour = "
                + "cast('2026-11-23 14:00:00' as timestamp) and run_id = 'run-1' and loaded_at is not null"));
    }

    @Test
    void loadingAnHourAgainReplacesItInsteadOfAddingToIt() throws Exception {
        loadFixture(HOUR, "run-1");
        loadFixture("2026-11-23T15", "run-1");
        Map<String, List<String>> once = RawTables.snapshot(warehouse());

        loadFixture(HOUR, "run-2");

        assertEquals(once, RawTables.snapshot(warehouse()));
        assertEquals(2, RawTables.count(warehouse(), "select count(*) from raw_order_items where run_id = 'run-2'"));
        assertEquals(4, RawTables.count(warehouse(), "select count(*) from raw_order_items"));
    }

    @Test
    void aLoadThatFailsMidwayLeavesTheRawTablesAsTheyWere() throws Exception {
        loadFixture(HOUR, "run-1");
        Map<String, List<String>> before = RawTables.snapshot(warehouse());
        StagedBatch again = new BatchSplitter(ingest().loader().chunkFormat()).split(
                Fixtures.bytes(Fixtures.hour(HOUR)));
        StagedBatch next = new BatchSplitter(ingest().loader().chunkFormat()).split(
                Fixtures.bytes(Fixtures.hour("2026-11-23T15")));

        for (StagedBatch batch : List.of(again, next)) {
            RawLoader loader = RawLoaders.forDialect(warehouse().dialect(), staging);
            try (Connection c = warehouse().connect()) {
                assertThrows(SQLException.class, () -> {
                    try (loader) {
                        loader.begin(c, batch, "run-2");
                        loader.load(batch.chunk(RawTable.STORES));
                        loader.load(batch.chunk(RawTable.ORDERS));
                        loader.load(poisonChunk());
                        loader.commit();
                    }
                });
                assertTrue(c.getAutoCommit(), "the connection is given back as it was");
            }
        }

        assertEquals(before, RawTables.snapshot(warehouse()));
        assertEquals(0, RawTables.count(warehouse(), "select count(*) from raw_orders where run_id = 'run-2'"));
    }

    @Test
    void aCutOffBatchLoadsNothing() throws Exception {
        loadFixture(HOUR, "run-1");
        Map<String, List<String>> before = RawTables.snapshot(warehouse());
        String hour = Fixtures.hour("2026-11-23T15");
        byte[] cut = hour.substring(0, hour.indexOf("\"table\":\"payments\"") + 40).getBytes(StandardCharsets.UTF_8);

        assertThrows(MalformedBatchException.class,
                () -> ingest().loadHour(new ByteArrayInputStream(cut), "run-2"));

        assertEquals(before, RawTables.snapshot(warehouse()));
    }
}
