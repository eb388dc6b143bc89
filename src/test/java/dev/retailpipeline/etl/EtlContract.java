package dev.retailpipeline.etl;

import static dev.retailpipeline.etl.EtlFixtures.SHOP_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL ETL's behaviour, run against a real database by each subclass. Every test builds its own warehouse
 * (a fresh DuckDB file or PostgreSQL database) from the shop's opening hour; the 14-day warehouse is built once
 * and only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EtlContract {
    static final int DAYS = 14;

    @TempDir
    Path tmp;
    private Warehouse history;

    /** A new, empty warehouse named name (raw tables not created yet). */
    abstract Warehouse newWarehouse(String name) throws Exception;

    Warehouse fresh(String name) throws Exception {
        Warehouse wh = newWarehouse(name);
        EtlFixtures.setUp(wh);
        return wh;
    }

    /** 14 days from the shop start, clean, one ETL run per day. */
    synchronized Warehouse history() throws Exception {
        if (history == null) {
            history = fresh("history");
            EtlFixtures.loadAndRunByDay(history, tmp.resolve("staging"), SHOP_START, SHOP_START + DAYS * 24, 0);
        }
        return history;
    }

    @AfterAll
    void closeHistory() throws SQLException {
        if (history != null) {
            history.close();
        }
    }

    @Test
    void martsEqualEveryBatchsRevenueAndOrderCountToTheCent() throws Exception {
        Warehouse wh = history();
        List<String> mismatches = EtlFixtures.rows(wh, """
                with sales as (
                    select batch_hour, sum(net_amount) as revenue, count(distinct order_id) as orders
                    from fct_sales group by batch_hour
                ),
                orders as (
                    select batch_hour, count(*) as orders, sum(net_amount) as revenue
                    from fct_orders group by batch_hour
                )
                select s.batch_hour, s.revenue, f.revenue, s.orders_placed, f.orders, o.orders, o.revenue
                from raw_batch_summary as s
                left join sales as f on s.batch_hour = f.batch_hour
                left join orders as o on s.batch_hour = o.batch_hour
                where s.revenue <> coalesce(f.revenue, 0) or s.orders_placed <> coalesce(f.orders, 0)
                    or s.orders_placed <> coalesce(o.orders, 0) or s.revenue <> coalesce(o.revenue, 0)
                """);
        assertEquals(List.of(), mismatches);
        assertEquals(DAYS * 24, EtlFixtures.count(wh, "select count(*) from raw_batch_summary"));
        assertTrue(EtlFixtures.count(wh, "select count(*) from fct_sales") > DAYS * 500);
        // no line lost its customer, product, store or date
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from fct_sales where customer_key = -1 "
                + "or product_key = -1 or store_key = -1 or date_key = 0"));
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from etl_check_results where status <> 'pass'"));
        assertEquals(DAYS, EtlFixtures.count(wh, "select count(*) from dim_date where date_key <> 0"));
    }

    @Test
    void factsJoinTheCustomerVersionValidAtTheOrderTime() throws Exception {
        Warehouse wh = history();
        // every line's customer version was valid when the order was placed
        assertEquals(0, EtlFixtures.count(wh, """
                select count(*) from fct_sales as s join dim_customer as c on s.customer_key = c.customer_key
                where not (s.order_at >= c.valid_from and s.order_at < c.valid_to)"""));
        // a customer who changed in hour H has two versions; orders before H join the old, after H the new
        List<String> both = EtlFixtures.rows(wh, """
                with changed as (
                    select customer_id, valid_from as changed_at
                    from dim_customer where version_number = 2
                ),
                sides as (
                    select ch.customer_id, c.version_number,
                        case when s.order_at < ch.changed_at then 'before' else 'after' end as side
                    from changed as ch
                    join dim_customer as c on c.customer_id = ch.customer_id
                    join fct_sales as s on s.customer_key = c.customer_key
                )
                select customer_id from sides
                group by customer_id
                having min(case when side = 'before' then version_number end) = 1
                    and max(case when side = 'before' then version_number end) = 1
                    and min(case when side = 'after' then version_number end) = 2
                order by customer_id""");
        assertFalse(both.isEmpty(), "some customer changes between two of their orders");
        long id = Long.parseLong(both.get(0));
        assertEquals(2, EtlFixtures.count(wh, "select count(*) from dim_customer where customer_id = " + id
                + " and version_number <= 2"));
        assertEquals(1, EtlFixtures.count(wh, "select count(*) from dim_customer where customer_id = " + id
                + " and is_current"));
        // the versions are the generator's customer as of each change
        List<String> versions = EtlFixtures.rows(wh, "select version_number, street, email, loyalty_tier, "
                + "cast(updated_at as varchar) from dim_customer where customer_id = " + id + " order by 1");
        String second = versions.get(1);
        long changeHour = java.time.LocalDateTime.parse(second.split("\\|")[4].replace(' ', 'T'))
                .toEpochSecond(java.time.ZoneOffset.UTC) / 3600;
        var before = EtlFixtures.GENERATOR.customerAsOf(EtlFixtures.SEED, EtlFixtures.SCALE, id, changeHour - 1);
        var after = EtlFixtures.GENERATOR.customerAsOf(EtlFixtures.SEED, EtlFixtures.SCALE, id, changeHour);
        assertEquals("1|" + before.street() + "|" + before.email().toLowerCase() + "|" + before.loyaltyTier(),
                versions.get(0).substring(0, versions.get(0).lastIndexOf('|')));
        assertEquals("2|" + after.street() + "|" + after.email().toLowerCase() + "|" + after.loyaltyTier(),
                second.substring(0, second.lastIndexOf('|')));
    }

    @Test
    void factsJoinTheProductPriceVersionValidAtTheOrderTime() throws Exception {
        Warehouse wh = history();
        assertEquals(0, EtlFixtures.count(wh, """
                select count(*) from fct_sales as s join dim_product as p on s.product_key = p.product_key
                where not (s.order_at >= p.valid_from and s.order_at < p.valid_to)"""));
        // outside the hour of a price change, a line's price is its product version's price
        assertEquals(0, EtlFixtures.count(wh, """
                select count(*) from fct_sales as s join dim_product as p on s.product_key = p.product_key
                where s.unit_price <> p.unit_price
                    and not exists (
                        select 1 from dim_product as q
                        where q.product_id = p.product_id and q.version_number > 1
                            and cast(q.valid_from as date) = cast(s.order_at as date)
                            and extract(hour from q.valid_from) = s.order_hour
                    )"""));
        // a product whose price changed has lines on both sides of the change, at both prices
        List<String> changed = EtlFixtures.rows(wh, """
                select p.product_id
                from fct_sales as s join dim_product as p on s.product_key = p.product_key
                group by p.product_id
                having min(p.version_number) = 1 and max(p.version_number) >= 2
                    and count(distinct s.unit_price) >= 2
                order by 1""");
        assertFalse(changed.isEmpty(), "some product changes price between two of its sales");
        long id = Long.parseLong(changed.get(0));
        List<String> prices = EtlFixtures.rows(wh, "select distinct p.version_number, p.unit_price, "
                + "p.unit_cost from dim_product as p where p.product_id = " + id + " order by 1");
        assertTrue(prices.size() >= 2);
        assertFalse(prices.get(0).split("\\|")[1].equals(prices.get(1).split("\\|")[1]));
        assertEquals(1, EtlFixtures.count(wh, "select count(*) from dim_product where product_id = " + id
                + " and is_current"));
    }

    @Test
    void orderLifecycleFillsInWhicheverOrderTheHoursAreLoaded() throws Exception {
        long day1 = SHOP_START;
        long day2 = SHOP_START + 24;
        long end = SHOP_START + 5 * 24;
        String lifecycle = "select order_id, order_status, cast(placed_at as varchar), cast(paid_at as varchar), "
                + "cast(shipped_at as varchar), cast(delivered_at as varchar), cast(cancelled_at as varchar), "
                + "cast(returned_at as varchar), cast(batch_hour as varchar) from fct_orders "
                + "where placed_at >= timestamp '2025-01-02 00:00:00' and placed_at < timestamp '2025-01-03 00:00:00'"
                + " order by order_id";

        Warehouse inOrder = fresh("lifecycle_in_order");
        Path staging = tmp.resolve("staging-a");
        EtlFixtures.load(inOrder, staging, day1, end, 0);
        EtlFixtures.etl(inOrder, day1, day2);
        EtlFixtures.etl(inOrder, day2, day2 + 24);
        EtlFixtures.etl(inOrder, day2 + 24, end);
        List<String> expected = EtlFixtures.rows(inOrder, lifecycle);

        Warehouse reversed = fresh("lifecycle_reversed");
        Path stagingB = tmp.resolve("staging-b");
        EtlFixtures.load(reversed, stagingB, day1, day2, 0);
        EtlFixtures.etl(reversed, day1, day2);
        EtlFixtures.load(reversed, stagingB, day2 + 24, end, 0);
        EtlFixtures.etl(reversed, day2 + 24, end);
        long before = EtlFixtures.count(reversed, "select count(*) from fct_orders where delivered_at is not null "
                + "and placed_at >= timestamp '2025-01-02 00:00:00' and placed_at < timestamp '2025-01-03 00:00:00'");
        EtlFixtures.load(reversed, stagingB, day2, day2 + 24, 0);
        EtlFixtures.etl(reversed, day2, day2 + 24);
        List<String> actual = EtlFixtures.rows(reversed, lifecycle);
        inOrder.close();
        reversed.close();

        assertEquals(expected, actual);
        long delivered = expected.stream().filter(r -> !r.split("\\|")[5].equals("null")
                && !r.split("\\|")[2].equals("null")).count();
        assertTrue(delivered > 50, "orders placed on day 2 and delivered later: " + delivered);
        assertTrue(before > 0, "the later hours alone already gave partial rows: " + before);
        assertTrue(expected.stream().anyMatch(r -> r.split("\\|")[1].equals("delivered")));
    }

    @Test
    void quarantineHoldsExactlyTheManifestsRowsAndTheMartsStillReconcile() throws Exception {
        Warehouse wh = fresh("dirty");
        long end = SHOP_START + 3 * 24;
        for (long day = SHOP_START; day < end; day += 24) {
            EtlFixtures.load(wh, tmp.resolve("staging"), day, day + 24, 0.05);
            EtlRunner.Result r = EtlFixtures.etl(wh, day, day + 24);
            assertEquals(List.of(), r.failedChecks(), "checks of the day " + day);
        }
        List<String> diff = EtlFixtures.rows(wh, """
                with expected as (
                    select batch_hour, table_name, row_key, kind, count(*) as n from raw_batch_manifest
                    group by batch_hour, table_name, row_key, kind
                ),
                found as (
                    select batch_hour, source_table as table_name, row_key, reason as kind, count(*) as n
                    from quarantine group by batch_hour, source_table, row_key, reason
                )
                select e.table_name, e.row_key, e.kind, e.n, f.table_name, f.row_key, f.kind, f.n
                from expected as e full outer join found as f
                    on e.batch_hour = f.batch_hour and e.table_name = f.table_name and e.row_key = f.row_key
                    and e.kind = f.kind
                where e.n is null or f.n is null or e.n <> f.n""");
        assertEquals(List.of(), diff);
        assertEquals(6, EtlFixtures.count(wh, "select count(distinct reason) from quarantine"));
        assertTrue(EtlFixtures.count(wh, "select count(*) from quarantine") > 100);
        assertEquals(0, EtlFixtures.count(wh, """
                select count(*) from raw_batch_summary as s
                left join (select batch_hour, sum(net_amount) as revenue, count(distinct order_id) as orders
                           from fct_sales group by batch_hour) as f on s.batch_hour = f.batch_hour
                where s.revenue <> coalesce(f.revenue, 0) or s.orders_placed <> coalesce(f.orders, 0)"""));
        // nothing quarantined reached the marts
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from fct_sales where quantity <= 0 "
                + "or product_key = -1 or customer_key = -1"));
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from dim_customer where customer_id >= 1000000000000"));
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from fct_orders where mod(order_id, 100000) >= 90000"));
        // re-running a range replaces its quarantine rows
        long before = EtlFixtures.count(wh, "select count(*) from quarantine");
        Map<String, String> sums = EtlFixtures.checksums(wh);
        EtlFixtures.etl(wh, SHOP_START + 24, SHOP_START + 48);
        assertEquals(before, EtlFixtures.count(wh, "select count(*) from quarantine"));
        assertEquals(sums, EtlFixtures.checksums(wh));
        wh.close();
    }

    /**
     * A source other than this application's generator may send a value of the wrong type (an id that is not a
     * number, a price with a comma, a date that does not exist). Such a row is quarantined as malformed_value and
     * the run goes on: the marts equal those of the same hours without the row.
     */
    @Test
    void aValueOfTheWrongTypeIsQuarantinedAndTheRunGoesOn() throws Exception {
        Warehouse clean = fresh("typed_clean");
        Warehouse foreign = fresh("typed_foreign");
        Path staging = tmp.resolve("staging");
        EtlFixtures.load(clean, staging, SHOP_START, SHOP_START + 24, 0);
        EtlFixtures.load(foreign, staging, SHOP_START, SHOP_START + 24, 0);
        String hour = "timestamp '2025-01-01 05:00:00'";
        String meta = ", " + hour + ", 'foreign-source', " + hour + ")";
        try (java.sql.Connection c = foreign.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("insert into raw_stores (store_id, name, channel, city, state, postal_code, country, opened_at,"
                    + " batch_hour, run_id, loaded_at) values ('S-9', 'Pop-up', 'store', 'Reno', 'NV', '89501', 'US',"
                    + " '2025-01-01T00:00:00Z'" + meta);
            st.executeUpdate("insert into raw_customers (customer_id, first_name, last_name, email, phone, street, city,"
                    + " state, postal_code, country, loyalty_tier, signup_at, updated_at, batch_hour, run_id, loaded_at)"
                    + " values ('990000001', 'Ada', 'Byte', 'ada@example.com', null, '1 Main St', 'Reno', 'NV', '89501',"
                    + " 'US', 'gold', '2025-02-30T10:00:00Z', '2025-01-01T05:10:00Z'" + meta);
            st.executeUpdate("insert into raw_products (product_id, sku, name, category, subcategory, brand, unit_price,"
                    + " unit_cost, is_active, created_at, updated_at, batch_hour, run_id, loaded_at) values ('990000002',"
                    + " 'SKU-X', 'Thing', 'Toys', 'Blocks', 'Acme', '19.99', 'cheap', 'true', '2025-01-01T05:00:00Z',"
                    + " '2025-01-01T05:00:00Z'" + meta);
            st.executeUpdate("insert into raw_orders (order_id, customer_id, store_id, channel, status, order_at,"
                    + " updated_at, batch_hour, run_id, loaded_at) values ('990000003', '1', '1', 'web', 'placed',"
                    + " 'yesterday', '2025-01-01T05:20:00Z'" + meta);
            st.executeUpdate("insert into raw_order_items (order_item_id, order_id, line_number, product_id, quantity,"
                    + " unit_price, discount_amount, batch_hour, run_id, loaded_at) values ('990000004', '990000003', '1',"
                    + " '1', 'three', '5.00', '0.00'" + meta);
            st.executeUpdate("insert into raw_payments (payment_id, order_id, method, status, amount, paid_at,"
                    + " batch_hour, run_id, loaded_at) values ('990000005', '990000003', 'card', 'captured', '12,50',"
                    + " '2025-01-01T05:21:00Z'" + meta);
        }
        EtlFixtures.etl(clean, SHOP_START, SHOP_START + 24);
        EtlRunner.Result run = EtlFixtures.etl(foreign, SHOP_START, SHOP_START + 24);
        assertEquals(List.of("60_quarantine_matches_manifest warn 6"), run.failedChecks().stream()
                .map(c -> c.name() + " " + c.severity() + " " + c.failingRows()).toList(),
                "only the warning that the six rows are not in the generator's manifest");
        assertEquals(List.of(
                "customers|990000001|malformed_value",
                "order_items|990000004|malformed_value",
                "orders|990000003|malformed_value",
                "payments|990000005|malformed_value",
                "products|990000002|malformed_value",
                "stores|S-9|malformed_value"), EtlFixtures.rows(foreign,
                "select source_table, row_key, reason from quarantine order by source_table, row_key"));
        assertTrue(EtlFixtures.rows(foreign, "select raw_row from quarantine where source_table = 'payments'")
                .get(0).contains("12,50"), "the row is kept as it came");
        Map<String, String> expected = new java.util.TreeMap<>(EtlFixtures.checksums(clean));
        Map<String, String> actual = new java.util.TreeMap<>(EtlFixtures.checksums(foreign));
        expected.remove("quarantine");
        actual.remove("quarantine");
        assertEquals(expected, actual);
        clean.close();
        foreign.close();
    }

    @Test
    void aBrokenSqlFileFailsThatStepRunsNothingLaterAndLeavesTheMartsAsTheyWere() throws Exception {
        Warehouse wh = fresh("broken");
        Path staging = tmp.resolve("staging");
        EtlFixtures.load(wh, staging, SHOP_START, SHOP_START + 24, 0);
        EtlFixtures.etl(wh, SHOP_START, SHOP_START + 24);
        EtlFixtures.load(wh, staging, SHOP_START + 24, SHOP_START + 30, 0);
        Map<String, String> before = EtlFixtures.checksums(wh);
        long checkRows = EtlFixtures.count(wh, "select count(*) from etl_check_results");

        Path broken = tmp.resolve("sql-broken");
        copyFolder(Path.of("sql"), broken);
        Files.writeString(broken.resolve("30_facts/15_broken_model.sql"), """
                -- a model with a syntax error
                delete from fct_orders where order_id in (select order_id from wrk_touched_orders);
                insert into fct_orders selec order_id from wrk_touched_orders;
                """);
        SqlFolder brokenSql = new SqlFolder(broken, wh.dialect());
        EtlRunner.StepFailed failure = assertThrows(EtlRunner.StepFailed.class,
                () -> EtlFixtures.etl(wh, brokenSql, SHOP_START + 24, SHOP_START + 30));
        assertEquals("30_facts/15_broken_model.sql", failure.step);
        assertTrue(failure.stepsRun.get(failure.stepsRun.size() - 1).equals("30_facts/15_broken_model.sql"));
        assertFalse(failure.stepsRun.contains("30_facts/20_fct_orders.sql"));
        assertEquals(before, EtlFixtures.checksums(wh));
        assertEquals(checkRows, EtlFixtures.count(wh, "select count(*) from etl_check_results"));

        // the fixed folder then runs through
        EtlRunner.Result r = EtlFixtures.etl(wh, SHOP_START + 24, SHOP_START + 30);
        assertEquals(List.of(), r.failedChecks());
        wh.close();
    }

    @Test
    void replayingLoadedHoursLeavesTheMartsUnchanged() throws Exception {
        Warehouse wh = fresh("replay");
        Path staging = tmp.resolve("staging");
        EtlFixtures.loadAndRunByDay(wh, staging, SHOP_START, SHOP_START + 48, 0);
        Map<String, String> before = EtlFixtures.checksums(wh);

        // the last day again, then the first day again (out of order), raw and ETL
        EtlFixtures.load(wh, staging, SHOP_START + 24, SHOP_START + 48, 0);
        EtlFixtures.etl(wh, SHOP_START + 24, SHOP_START + 48);
        assertEquals(before, EtlFixtures.checksums(wh));
        EtlFixtures.load(wh, staging, SHOP_START, SHOP_START + 24, 0);
        EtlFixtures.etl(wh, SHOP_START, SHOP_START + 24);
        assertEquals(before, EtlFixtures.checksums(wh));
        // a single hour in the middle
        EtlFixtures.load(wh, staging, SHOP_START + 30, SHOP_START + 31, 0);
        EtlFixtures.etl(wh, SHOP_START + 30, SHOP_START + 31);
        assertEquals(before, EtlFixtures.checksums(wh));
        wh.close();
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
