package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
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
    static final RetailGenerator GENERATOR = new RetailGenerator(new GeneratorConfig(ShopHours.parse("2026-11-01T00")));
    static final long FIRST_HOUR = ShopHours.parse("2026-11-27T00");
    static final int HOURS = 48;
    static final long SEED = 42;

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

    @Test
    void fortyEightCleanHoursMatchTheirSummariesAndReloadingThemChangesNothing() throws Exception {
        loadAndReconcileTwice(0.0);
    }

    @Test
    void fortyEightDirtyHoursMatchTheirSummariesOnceTheManifestRowsAreSetAside() throws Exception {
        loadAndReconcileTwice(0.05);
        assertTrue(RawTables.count(warehouse(), "select count(*) from raw_batch_manifest") > 100);
    }

    private void loadAndReconcileTwice(double dirty) throws Exception {
        List<byte[]> hours = new java.util.ArrayList<>();
        for (long h = FIRST_HOUR; h < FIRST_HOUR + HOURS; h++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GENERATOR.writeHour(new BatchSpec(SEED, h, 1.0, dirty), Format.NDJSON, null, out);
            hours.add(out.toByteArray());
        }
        RawIngest ingest = ingest();
        long rows = 0;
        for (byte[] hour : hours) {
            rows += ingest.loadHour(new ByteArrayInputStream(hour), "first").sourceRows();
        }
        Warehouse wh = warehouse();
        assertEquals(HOURS, RawTables.count(wh, "select count(*) from raw_batch_summary"));
        assertTrue(rows > 10_000, "rows loaded: " + rows);
        assertReconciled(wh);
        Map<String, List<String>> once = RawTables.snapshot(wh);

        for (byte[] hour : hours) {
            ingest.loadHour(new ByteArrayInputStream(hour), "again");
        }

        assertEquals(once, RawTables.snapshot(wh));
        assertEquals(0, RawTables.count(wh, "select count(*) from raw_orders where run_id <> 'again'"));
    }

    /** Per hour: each table's rows = summary's clean rows + manifest rows; clean revenue = summary revenue. */
    static void assertReconciled(Warehouse wh) throws SQLException {
        for (RawTable t : RawTable.sourceTables()) {
            String sql = "select cast(s.batch_hour as varchar), s." + t.source() + "_rows, m.n, r.n "
                    + "from raw_batch_summary as s "
                    + "left join (select batch_hour, count(*) as n from " + t.rawTable() + " group by batch_hour) "
                    + "as r on r.batch_hour = s.batch_hour "
                    + "left join (select batch_hour, count(*) as n from raw_batch_manifest where table_name = '"
                    + t.source() + "' group by batch_hour) as m on m.batch_hour = s.batch_hour "
                    + "where s." + t.source() + "_rows + coalesce(m.n, 0) <> coalesce(r.n, 0)";
            assertEquals(List.of(), RawTables.rows(wh, sql), t.rawTable() + ": hours whose row count is off "
                    + "(hour, clean rows, manifest rows, raw rows)");
        }
        String revenue = """
                with items as (
                    select
                        batch_hour,
                        order_item_id,
                        coalesce(cast(quantity as decimal(14, 2)) * cast(unit_price as decimal(14, 2))
                            - cast(discount_amount as decimal(14, 2)), 0) as net
                    from raw_order_items
                ),
                per_key as (
                    select batch_hour, order_item_id, max(net) as net
                    from items
                    group by batch_hour, order_item_id
                ),
                dirty as (
                    select m.batch_hour, sum(p.net) as net
                    from raw_batch_manifest as m
                    inner join per_key as p
                        on p.batch_hour = m.batch_hour and p.order_item_id = m.row_key
                    where m.table_name = 'order_items'
                    group by m.batch_hour
                ),
                total as (
                    select batch_hour, sum(net) as net
                    from items
                    group by batch_hour
                )
                select cast(s.batch_hour as varchar), s.revenue, coalesce(t.net, 0) - coalesce(d.net, 0)
                from raw_batch_summary as s
                left join total as t on t.batch_hour = s.batch_hour
                left join dirty as d on d.batch_hour = s.batch_hour
                where s.revenue <> coalesce(t.net, 0) - coalesce(d.net, 0)
                """;
        assertEquals(List.of(), RawTables.rows(wh, revenue), "hours whose clean revenue is off (hour, summary, raw)");
        assertTrue(RawTables.count(wh, "select count(*) from raw_batch_summary where revenue > 0") > HOURS / 2);
    }
}
