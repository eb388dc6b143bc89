package dev.retailpipeline.etl;

import static dev.retailpipeline.etl.EtlFixtures.SHOP_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.retailpipeline.etl.EtlFixtures.Pipeline;
import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL ETL's behaviour through the product's own path, on a real database per subclass: the application runs
 * the chain over each chunk it loads (routes/etl.camel.yaml, each file a ledger step); the tests start runs over
 * HTTP and read the warehouse. Every test has its own warehouse; the 14-day one is built once and only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EtlContract {
    static final int DAYS = 14;

    @TempDir
    Path tmp;
    private Pipeline history;

    /** warehouse.url, user and password of a new, empty warehouse named name. */
    abstract Map<String, String> newWarehouse(String name) throws Exception;

    Pipeline start(String name, double dirty, int chunkHours) throws Exception {
        return start(name, dirty, chunkHours, Map.of());
    }

    Pipeline start(String name, double dirty, int chunkHours, Map<String, String> extra) throws Exception {
        return EtlFixtures.start(tmp.resolve(name), newWarehouse(name), dirty, chunkHours, extra);
    }

    /** 14 days from the shop start, clean, in one backfill of daily chunks. */
    synchronized Warehouse history() throws Exception {
        if (history == null) {
            history = start("history", 0, 24);
            history.load("2025-01-01", "2025-01-15");
        }
        return history.warehouse();
    }

    @AfterAll
    void closeHistory() throws Exception {
        if (history != null) {
            history.close();
        }
    }

    @Test
    void martsEqualEveryBatchsRevenueCostAndOrderCountToTheCent() throws Exception {
        Warehouse wh = history();
        List<String> mismatches = EtlFixtures.rows(wh, """
                with sales as (
                    select batch_hour, sum(net_amount) as revenue, sum(cost_amount) as cost,
                        count(distinct order_id) as orders
                    from fct_sales group by batch_hour
                ),
                orders as (
                    select batch_hour, count(*) as orders, sum(net_amount) as revenue
                    from fct_orders group by batch_hour
                )
                select s.batch_hour, s.revenue, f.revenue, s.cost, f.cost, s.orders_placed, f.orders, o.orders, o.revenue
                from raw_batch_summary as s
                left join sales as f on s.batch_hour = f.batch_hour
                left join orders as o on s.batch_hour = o.batch_hour
                where s.revenue <> coalesce(f.revenue, 0) or s.orders_placed <> coalesce(f.orders, 0)
                    or s.orders_placed <> coalesce(o.orders, 0) or s.revenue <> coalesce(o.revenue, 0)
                    or s.cost is null or s.cost <> coalesce(f.cost, 0)
                """);
        assertEquals(List.of(), mismatches);
        assertEquals(DAYS * 24, EtlFixtures.count(wh, "select count(*) from raw_batch_summary"));
        assertTrue(EtlFixtures.count(wh, "select count(*) from fct_sales") > DAYS * 500);
        // no line lost its customer, product, store or date
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from fct_sales where customer_key = -1 "
                + "or product_key = -1 or store_key = -1 or date_key = 0"));
        // every check of every chunk passed, as the product records them
        assertEquals(0, EtlFixtures.count(wh, "select count(*) from etl_check_results where status <> 'passed'"));
        assertTrue(EtlFixtures.count(wh, "select count(*) from etl_check_results "
                + "where check_name = '32_no_unknown_members_in_clean_batches'") > 0);
        assertEquals(DAYS, EtlFixtures.count(wh, "select count(*) from dim_date where date_key <> 0"));
        // the watermark holds the 14 daily chunks
        assertEquals(DAYS, EtlFixtures.count(wh, "select count(*) from pipeline_chunks"));
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
        String lifecycle = "select order_id, order_status, cast(placed_at as varchar), cast(paid_at as varchar), "
                + "cast(shipped_at as varchar), cast(delivered_at as varchar), cast(cancelled_at as varchar), "
                + "cast(returned_at as varchar), cast(batch_hour as varchar) from fct_orders "
                + "where placed_at >= timestamp '2025-01-02 00:00:00' and placed_at < timestamp '2025-01-03 00:00:00'"
                + " order by order_id";
        List<String> expected;
        try (Pipeline inOrder = start("lifecycle_in_order", 0, 24)) {
            inOrder.load("2025-01-01", "2025-01-06");
            expected = EtlFixtures.rows(inOrder.warehouse(), lifecycle);
        }
        List<String> actual;
        long before;
        try (Pipeline reversed = start("lifecycle_reversed", 0, 24)) {
            reversed.load("2025-01-01", "2025-01-02");
            reversed.load("2025-01-03", "2025-01-06");
            before = EtlFixtures.count(reversed.warehouse(), "select count(*) from fct_orders where delivered_at is not null "
                    + "and placed_at >= timestamp '2025-01-02 00:00:00' and placed_at < timestamp '2025-01-03 00:00:00'");
            reversed.load("2025-01-02", "2025-01-03");
            actual = EtlFixtures.rows(reversed.warehouse(), lifecycle);
        }
        assertEquals(expected, actual);
        long delivered = expected.stream().filter(r -> !r.split("\\|")[5].equals("null")
                && !r.split("\\|")[2].equals("null")).count();
        assertTrue(delivered > 50, "orders placed on day 2 and delivered later: " + delivered);
        assertTrue(before > 0, "the later hours alone already gave partial rows: " + before);
        assertTrue(expected.stream().anyMatch(r -> r.split("\\|")[1].equals("delivered")));
    }

    @Test
    void quarantineHoldsExactlyTheManifestsRowsAndTheMartsStillReconcile() throws Exception {
        try (Pipeline p = start("dirty", 0.05, 24)) {
            JsonNode run = p.load("2025-01-01", "2025-01-04");
            for (JsonNode check : run.get("checks")) {
                assertEquals("passed", check.get("status").asText(), check.toString());
            }
            Warehouse wh = p.warehouse();
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
                    left join (select batch_hour, sum(net_amount) as revenue, sum(cost_amount) as cost,
                                   count(distinct order_id) as orders
                               from fct_sales group by batch_hour) as f on s.batch_hour = f.batch_hour
                    where s.revenue <> coalesce(f.revenue, 0) or s.orders_placed <> coalesce(f.orders, 0)
                        or s.cost <> coalesce(f.cost, 0)"""));
            // nothing quarantined reached the marts
            assertEquals(0, EtlFixtures.count(wh, "select count(*) from fct_sales where quantity <= 0 "
                    + "or product_key = -1 or customer_key = -1"));
            assertEquals(0, EtlFixtures.count(wh, "select count(*) from dim_customer where customer_id >= 1000000000000"));
            assertEquals(0, EtlFixtures.count(wh, "select count(*) from fct_orders where mod(order_id, 100000) >= 90000"));
            // loading a day again replaces its raw and quarantine rows
            Map<String, String> sums = EtlFixtures.checksums(wh);
            p.load("2025-01-02", "2025-01-03");
            assertEquals(sums, EtlFixtures.checksums(wh));
        }
    }

    /**
     * A source other than this application's generator may send a value of the wrong type (an id that is not a
     * number, a price with a comma, a date that does not exist). Such a row is quarantined as malformed_value and
     * the run goes on: the marts equal those of the same hours without the row.
     */
    @Test
    void aValueOfTheWrongTypeFromAForeignSourceIsQuarantinedAndTheRunGoesOn() throws Exception {
        Map<String, String> expected;
        try (Pipeline clean = start("typed_clean", 0, 24)) {
            clean.load("2025-01-01", "2025-01-02");
            expected = new TreeMap<>(EtlFixtures.checksums(clean.warehouse(), EtlFixtures.MARTS));
        }
        HttpServer foreign = foreignSource();
        try (Pipeline p = start("typed_foreign", 0, 24, Map.of("ingest.source-url",
                "http://127.0.0.1:" + foreign.getAddress().getPort() + "/foreign"))) {
            JsonNode run = p.load("2025-01-01", "2025-01-02");
            List<String> notPassed = new java.util.ArrayList<>();
            run.get("checks").forEach(c -> {
                if (!c.get("status").asText().equals("passed")) {
                    notPassed.add(c.get("check").asText() + " " + c.get("status").asText() + " " + c.get("failing_rows").asLong());
                }
            });
            assertEquals(List.of("60_quarantine_matches_manifest warned 6"), notPassed,
                    "only the warning that the six rows are not in the generator's manifest");
            Warehouse wh = p.warehouse();
            assertEquals(List.of(
                    "customers|990000001|malformed_value",
                    "order_items|990000004|malformed_value",
                    "orders|990000003|malformed_value",
                    "payments|990000005|malformed_value",
                    "products|990000002|malformed_value",
                    "stores|S-9|malformed_value"), EtlFixtures.rows(wh,
                    "select source_table, row_key, reason from quarantine order by source_table, row_key"));
            assertTrue(EtlFixtures.rows(wh, "select raw_row from quarantine where source_table = 'payments'")
                    .get(0).contains("12,50"), "the row is kept as it came");
            Map<String, String> actual = new TreeMap<>(EtlFixtures.checksums(wh, EtlFixtures.MARTS));
            expected.remove("quarantine");
            actual.remove("quarantine");
            assertEquals(expected, actual);
        } finally {
            foreign.stop(0);
        }
    }

    /** The generator's range stream with six rows of the wrong type added to hour 2025-01-01T05. */
    private static HttpServer foreignSource() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String foreignRows = String.join("\n",
                "{\"table\":\"stores\",\"row\":{\"store_id\":\"S-9\",\"name\":\"Pop-up\",\"channel\":\"store\",\"city\":\"Reno\","
                        + "\"state\":\"NV\",\"postal_code\":\"89501\",\"country\":\"US\",\"opened_at\":\"2025-01-01T00:00:00Z\"}}",
                "{\"table\":\"customers\",\"row\":{\"customer_id\":990000001,\"first_name\":\"Ada\",\"last_name\":\"Byte\","
                        + "\"email\":\"ada@example.com\",\"phone\":null,\"street\":\"1 Main St\",\"city\":\"Reno\",\"state\":\"NV\","
                        + "\"postal_code\":\"89501\",\"country\":\"US\",\"loyalty_tier\":\"gold\",\"signup_at\":\"2025-02-30T10:00:00Z\","
                        + "\"updated_at\":\"2025-01-01T05:10:00Z\"}}",
                "{\"table\":\"products\",\"row\":{\"product_id\":990000002,\"sku\":\"SKU-X\",\"name\":\"Thing\",\"category\":\"Toys\","
                        + "\"subcategory\":\"Blocks\",\"brand\":\"Acme\",\"unit_price\":19.99,\"unit_cost\":\"cheap\",\"is_active\":true,"
                        + "\"created_at\":\"2025-01-01T05:00:00Z\",\"updated_at\":\"2025-01-01T05:00:00Z\"}}",
                "{\"table\":\"orders\",\"row\":{\"order_id\":990000003,\"customer_id\":1,\"store_id\":1,\"channel\":\"web\","
                        + "\"status\":\"placed\",\"order_at\":\"yesterday\",\"updated_at\":\"2025-01-01T05:20:00Z\"}}",
                "{\"table\":\"order_items\",\"row\":{\"order_item_id\":990000004,\"order_id\":990000003,\"line_number\":1,"
                        + "\"product_id\":1,\"quantity\":\"three\",\"unit_price\":5.00,\"discount_amount\":0.00}}",
                "{\"table\":\"payments\",\"row\":{\"payment_id\":990000005,\"order_id\":990000003,\"method\":\"card\","
                        + "\"status\":\"captured\",\"amount\":\"12,50\",\"paid_at\":\"2025-01-01T05:21:00Z\"}}") + "\n";
        server.createContext("/foreign", exchange -> {
            Map<String, String> query = new java.util.HashMap<>();
            for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            long from = HourRange.parseHour(query.get("from"));
            long to = HourRange.parseHour(query.get("to"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EtlFixtures.GENERATOR.writeRange(EtlFixtures.SEED, from, to - 1, EtlFixtures.SCALE, 0, out);
            String body = out.toString(StandardCharsets.UTF_8);
            String hour5 = "{\"table\":\"_batch\",\"row\":{\"hour\":\"2025-01-01T05\"";
            int at = body.indexOf(hour5);
            if (at >= 0) {
                int lineEnd = body.indexOf('\n', at) + 1;
                body = body.substring(0, lineEnd) + foreignRows + body.substring(lineEnd);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aBrokenSqlFileFailsTheRunAtThatStepAndLeavesRawAndMartsAsTheyWere() throws Exception {
        try (Pipeline p = start("broken", 0, 24)) {
            p.load("2025-01-01", "2025-01-02");
            Warehouse wh = p.warehouse();
            Map<String, String> before = EtlFixtures.checksums(wh);
            long checkRows = EtlFixtures.count(wh, "select count(*) from etl_check_results");
            long chunks = EtlFixtures.count(wh, "select count(*) from pipeline_chunks");

            Path broken = p.sqlDir().resolve("30_facts/15_broken_model.sql");
            Files.writeString(broken, """
                    -- a model with a syntax error
                    delete from fct_orders where order_id in (select order_id from wrk_touched_orders);
                    insert into fct_orders selec order_id from wrk_touched_orders;
                    """);
            JsonNode failed = p.run("2025-01-02T00", "2025-01-02T06");
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertEquals("etl 30_facts/15_broken_model.sql", failed.get("error").get("step").asText());
            assertTrue(failed.get("error").get("message").asText().startsWith("SQL step 30_facts/15_broken_model.sql failed"),
                    failed.toString());
            assertEquals(0, failed.get("hours").get("done").asInt());
            // tried once: a broken statement is not a passing fault
            JsonNode steps = failed.get("steps");
            assertEquals("etl 30_facts/15_broken_model.sql", steps.get(steps.size() - 1).get("step").asText());
            assertEquals(before, EtlFixtures.checksums(wh), "the chunk rolled back: raw rows and marts as they were");
            assertEquals(chunks, EtlFixtures.count(wh, "select count(*) from pipeline_chunks"), "no watermark moved");

            // the fixed folder then runs through, without a restart
            Files.delete(broken);
            JsonNode fixed = p.load("2025-01-02T00", "2025-01-02T06");
            assertEquals(6, fixed.get("hours").get("done").asInt());
            assertTrue(EtlFixtures.count(wh, "select count(*) from etl_check_results") > checkRows);
        }
    }

    @Test
    void replayingLoadedHoursLeavesRawAndMartsUnchanged() throws Exception {
        try (Pipeline p = start("replay", 0, 24)) {
            p.load("2025-01-01", "2025-01-03");
            Warehouse wh = p.warehouse();
            Map<String, String> before = EtlFixtures.checksums(wh);
            // the last day again, then the first day again (out of order), then a single hour in the middle
            p.load("2025-01-02", "2025-01-03");
            assertEquals(before, EtlFixtures.checksums(wh));
            p.load("2025-01-01", "2025-01-02");
            assertEquals(before, EtlFixtures.checksums(wh));
            p.load("2025-01-02T06", "2025-01-02T07");
            assertEquals(before, EtlFixtures.checksums(wh));
        }
    }

    @Test
    void loadingInChunksOfADayOrOfSixHoursEqualsLoadingInOneChunk() throws Exception {
        Map<String, String> oneChunk;
        try (Pipeline p = start("chunks_one", 0.02, 72)) {
            p.load("2025-01-01", "2025-01-04");
            oneChunk = EtlFixtures.checksums(p.warehouse());
        }
        try (Pipeline p = start("chunks_daily", 0.02, 24)) {
            p.load("2025-01-01", "2025-01-04");
            assertEquals(oneChunk, EtlFixtures.checksums(p.warehouse()));
        }
        try (Pipeline p = start("chunks_six_hours", 0.02, 6)) {
            p.load("2025-01-01", "2025-01-04");
            assertEquals(oneChunk, EtlFixtures.checksums(p.warehouse()));
            // the last chunk moved orders of earlier chunks along from their new status rows alone (20_fct_orders.sql)
            assertTrue(EtlFixtures.count(p.warehouse(), "select count(*) from wrk_touched_orders where status_only") > 0);
        }
    }
}
