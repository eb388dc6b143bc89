package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static dev.retailpipeline.dashboard.DashboardTestSupport.money;
import static dev.retailpipeline.dashboard.DashboardTestSupport.number;
import static dev.retailpipeline.dashboard.DashboardTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analytics endpoints against a real DuckDB holding four known days (2025-01-01 to 2025-01-04, seed 11):
 * each endpoint's figures equal SQL written here over fct_sales and its dimensions (days from order_at, not from
 * the endpoints' date_key), filters change them accordingly, and bad filter values get 400 with a JSON body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsEndpointsTest {

    /** Lines of one order_at range, with the product's category and the customer's id. */
    private final String LINES = """
            select s.*, p.product_id, p.category, c.customer_id
            from fct_sales as s
            inner join dim_product as p on s.product_key = p.product_key
            inner join dim_customer as c on s.customer_key = c.customer_key
            where s.order_at >= cast(? as timestamp) and s.order_at < cast(? as timestamp)
            """;

    Path dir;
    RunningApplication app;
    Warehouse warehouse;

    /** The warehouse to run against; DuckDB in a temporary folder unless a subclass says otherwise. */
    Map<String, String> warehouseProperties() throws Exception {
        return Map.of();
    }

    @BeforeAll
    void loadFourDays() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("analytics-endpoints");
        app = DashboardTestSupport.start(dir, new MovableClock(Instant.parse("2025-01-05T00:10:00Z")), warehouseProperties());
        warehouse = DashboardTestSupport.warehouse(app);
        JsonNode run = DashboardTestSupport.awaitRun(app, app.post("/api/runs", "{\"from\":\"2025-01-01\",\"to\":\"2025-01-05\"}"));
        assertEquals("succeeded", run.get("status").asText(), run.toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (dir != null) {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = app.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    /** A text field of an answer; null for JSON null. */
    private static String text(JsonNode value) {
        return value.isNull() ? null : value.asText();
    }

    private Map<String, Object> totals(String fromDay, String toDay, String extraWhere, Object... extra) throws Exception {
        Object[] params = new Object[2 + extra.length];
        params[0] = fromDay + " 00:00:00";
        params[1] = toDay + " 00:00:00";
        System.arraycopy(extra, 0, params, 2, extra.length);
        return query(warehouse, "select coalesce(sum(net_amount), 0) as revenue, count(distinct order_id) as orders,"
                + " coalesce(sum(quantity), 0) as units, count(distinct case when customer_id <> -1 then customer_id end) as customers"
                + " from (" + LINES + ") as l"
                + " where 1 = 1 " + extraWhere, params).get(0);
    }

    /** The summary's five figures of SQL totals: revenue, orders, average order value, units, customers. */
    private static Map<String, BigDecimal> figures(Map<String, Object> totals) {
        BigDecimal revenue = money(totals.get("revenue"));
        long orders = number(totals.get("orders"));
        Map<String, BigDecimal> figures = new java.util.LinkedHashMap<>();
        figures.put("revenue", revenue);
        figures.put("orders", BigDecimal.valueOf(orders));
        figures.put("average_order_value", orders == 0 ? money(0) : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
        figures.put("units", BigDecimal.valueOf(number(totals.get("units"))));
        figures.put("customers", BigDecimal.valueOf(number(totals.get("customers"))));
        return figures;
    }

    private static void assertFigures(Map<String, BigDecimal> expected, JsonNode actual) {
        expected.forEach((name, value) -> assertEquals(0, value.compareTo(actual.get(name).decimalValue()),
                name + ": expected " + value + " in " + actual));
    }

    @Test
    void summaryEqualsSqlOverFctSalesWithTheChangeAgainstThePreviousPeriodOfTheSameLength() throws Exception {
        JsonNode body = get("/api/analytics/summary?from=2025-01-03&to=2025-01-05");
        Map<String, BigDecimal> current = figures(totals("2025-01-03", "2025-01-05", ""));
        Map<String, BigDecimal> previous = figures(totals("2025-01-01", "2025-01-03", ""));
        assertTrue(current.get("orders").longValue() > 100, "the four days hold orders");

        assertFigures(current, body.get("current"));
        assertEquals("2025-01-01", body.get("previous").get("from").asText());
        assertEquals("2025-01-03", body.get("previous").get("to").asText());
        assertFigures(previous, body.get("previous"));
        for (String name : current.keySet()) {
            double expectedChange = (current.get(name).doubleValue() - previous.get(name).doubleValue()) / previous.get(name).doubleValue();
            assertEquals(expectedChange, body.get("change").get(name).asDouble(), 0.0001, name);
        }
    }

    @Test
    void aPeriodWithoutAPreviousPeriodHasNoChange() throws Exception {
        JsonNode body = get("/api/analytics/summary?from=2025-01-01&to=2025-01-05");
        assertEquals(money(totals("2025-01-01", "2025-01-05", "").get("revenue")), money(body.get("current").get("revenue")));
        assertEquals(0, money(body.get("previous").get("revenue")).signum());
        assertTrue(body.get("change").get("revenue").isNull());
    }

    @Test
    void withoutARangeTheSummaryCoversTheLastDefaultDaysWithSales() throws Exception {
        JsonNode body = get("/api/analytics/summary");
        assertEquals("2025-01-01", body.get("filters").get("from").asText(), "14 days back, but not before the first sale");
        assertEquals("2025-01-05", body.get("filters").get("to").asText());
        assertFigures(figures(totals("2025-01-01", "2025-01-05", "")), body.get("current"));
        assertEquals("2024-12-28", body.get("previous").get("from").asText(), "the four days before the first sale");
        assertEquals("2025-01-01", body.get("previous").get("to").asText());
        assertEquals(0, body.get("previous").get("orders").asLong());
        assertEquals("2024-12-22", get("/api/analytics/summary?to=2025-01-05").get("filters").get("from").asText(),
                "with only 'to' the range is the 14 days before it");
    }

    @Test
    void revenuePerDayEqualsSqlAndWeeksAndMonthsAddUpTheDays() throws Exception {
        JsonNode days = get("/api/analytics/revenue?from=2025-01-01&to=2025-01-05&grain=day").get("points");
        List<Map<String, Object>> expected = query(warehouse, "select cast(cast(order_at as date) as varchar) as day,"
                + " sum(net_amount) as revenue, count(distinct order_id) as orders, sum(quantity) as units from fct_sales"
                + " where order_at >= timestamp '2025-01-01 00:00:00' and order_at < timestamp '2025-01-05 00:00:00'"
                + " group by 1 order by 1");
        assertEquals(4, days.size());
        assertEquals(4, expected.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i).get("day"), days.get(i).get("period").asText());
            assertEquals(money(expected.get(i).get("revenue")), money(days.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("orders")), days.get(i).get("orders").asLong());
            assertEquals(number(expected.get(i).get("units")), days.get(i).get("units").asLong());
        }
        BigDecimal total = money(totals("2025-01-01", "2025-01-05", "").get("revenue"));

        JsonNode weeks = get("/api/analytics/revenue?from=2025-01-01&to=2025-01-05&grain=week").get("points");
        assertEquals(1, weeks.size(), "2025-01-01 to 2025-01-04 lie in the ISO week starting Monday 2024-12-30");
        assertEquals("2024-12-30", weeks.get(0).get("period").asText());
        assertEquals(total, money(weeks.get(0).get("revenue")));

        JsonNode months = get("/api/analytics/revenue?from=2024-12-30&to=2025-01-05&grain=month").get("points");
        assertEquals(List.of("2024-12-01", "2025-01-01"), List.of(months.get(0).get("period").asText(), months.get(1).get("period").asText()));
        assertEquals(0, money(months.get(0).get("revenue")).signum(), "no sales before the shop opened");
        assertEquals(total, money(months.get(1).get("revenue")));
    }

    @Test
    void categoriesEqualSqlRevenueUnitsAndOrdersPerCategory() throws Exception {
        JsonNode categories = get("/api/analytics/categories?from=2025-01-01&to=2025-01-05").get("categories");
        List<Map<String, Object>> expected = query(warehouse, "select category, sum(net_amount) as revenue, sum(quantity) as units,"
                + " count(distinct order_id) as orders from (" + LINES + ") as l group by category order by revenue desc, category", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertTrue(expected.size() > 2);
        assertEquals(expected.size(), categories.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("category"), categories.get(i).get("category").asText());
            assertEquals(money(expected.get(i).get("revenue")), money(categories.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("units")), categories.get(i).get("units").asLong());
            assertEquals(number(expected.get(i).get("orders")), categories.get(i).get("orders").asLong());
        }
    }

    @Test
    void topProductsAreTheProductsWithTheMostRevenueNamedByTheirCurrentVersion() throws Exception {
        JsonNode products = get("/api/analytics/top-products?from=2025-01-01&to=2025-01-05&limit=5").get("products");
        List<Map<String, Object>> expected = query(warehouse, "select l.product_id, sum(l.net_amount) as revenue,"
                + " sum(l.quantity) as units, count(distinct l.order_id) as orders, max(cur.product_name) as product_name,"
                + " max(cur.category) as category, max(cur.brand) as brand from (" + LINES + ") as l"
                + " inner join dim_product as cur on cur.product_id = l.product_id and cur.is_current"
                + " group by l.product_id order by revenue desc, l.product_id limit 5", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(5, products.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(number(expected.get(i).get("product_id")), products.get(i).get("product_id").asLong());
            assertEquals(money(expected.get(i).get("revenue")), money(products.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("units")), products.get(i).get("units").asLong());
            assertEquals(number(expected.get(i).get("orders")), products.get(i).get("orders").asLong());
            for (String name : List.of("product_name", "category", "brand")) {
                assertEquals(expected.get(i).get(name), text(products.get(i).get(name)), name);
            }
        }
        assertEquals(10, get("/api/analytics/top-products?from=2025-01-01&to=2025-01-05").get("products").size(), "10 by default");
    }

    @Test
    void topCustomersAreTheCustomersWithTheMostRevenueOverAllTheirVersions() throws Exception {
        JsonNode customers = get("/api/analytics/top-customers?from=2025-01-01&to=2025-01-05&limit=5").get("customers");
        List<Map<String, Object>> expected = query(warehouse, "select l.customer_id, sum(l.net_amount) as revenue,"
                + " count(distinct l.order_id) as orders, max(cur.first_name) as first_name, max(cur.last_name) as last_name,"
                + " max(cur.city) as city, max(cur.state) as state, max(cur.loyalty_tier) as loyalty_tier from (" + LINES + ") as l"
                + " left join dim_customer as cur on cur.customer_id = l.customer_id and cur.is_current"
                + " group by l.customer_id order by revenue desc, l.customer_id limit 5",
                "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(5, customers.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(number(expected.get(i).get("customer_id")), customers.get(i).get("customer_id").asLong());
            assertEquals(money(expected.get(i).get("revenue")), money(customers.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("orders")), customers.get(i).get("orders").asLong());
            assertFalse(customers.get(i).get("last_name").asText().isEmpty());
            for (String name : List.of("first_name", "last_name", "city", "state", "loyalty_tier")) {
                assertEquals(expected.get(i).get(name), text(customers.get(i).get(name)), "the current version's " + name);
            }
        }
    }

    @Test
    void regionsEqualSqlFiguresPerStoreAndPerStateWithTheMostRevenueFirst() throws Exception {
        JsonNode body = get("/api/analytics/regions?from=2025-01-01&to=2025-01-05");
        List<Map<String, Object>> stores = query(warehouse, "select s.store_key, st.store_name, st.channel, st.city, st.state,"
                + " sum(s.net_amount) as revenue, count(distinct s.order_id) as orders from (" + LINES + ") as s"
                + " inner join dim_store as st on s.store_key = st.store_key"
                + " group by s.store_key, st.store_name, st.channel, st.city, st.state order by revenue desc, s.store_key",
                "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertTrue(stores.size() >= 3);
        assertEquals(stores.size(), body.get("stores").size());
        for (int i = 0; i < stores.size(); i++) {
            JsonNode store = body.get("stores").get(i);
            assertEquals(number(stores.get(i).get("store_key")), store.get("store_id").asLong());
            assertEquals(money(stores.get(i).get("revenue")), money(store.get("revenue")));
            assertEquals(number(stores.get(i).get("orders")), store.get("orders").asLong());
            for (String name : List.of("store_name", "channel", "city", "state")) {
                assertEquals(stores.get(i).get(name), text(store.get(name)), name);
            }
        }
        List<Map<String, Object>> states = query(warehouse, "select st.state, sum(s.net_amount) as revenue,"
                + " count(distinct s.order_id) as orders, count(distinct s.store_key) as stores from (" + LINES + ") as s"
                + " inner join dim_store as st on s.store_key = st.store_key group by st.state order by revenue desc, st.state",
                "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(states.size(), body.get("states").size());
        for (int i = 0; i < states.size(); i++) {
            JsonNode state = body.get("states").get(i);
            assertEquals(states.get(i).get("state"), state.get("state").asText(), "the most revenue first");
            assertEquals(money(states.get(i).get("revenue")), money(state.get("revenue")));
            assertEquals(number(states.get(i).get("orders")), state.get("orders").asLong());
            assertEquals(number(states.get(i).get("stores")), state.get("stores").asLong());
        }
    }

    @Test
    void theHeatMapHasEveryWeekdayAndHourWithTheOrdersAndRevenueOfThatCell() throws Exception {
        JsonNode cells = get("/api/analytics/heatmap?from=2025-01-01&to=2025-01-05").get("cells");
        assertEquals(7 * 24, cells.size());
        List<Map<String, Object>> expected = query(warehouse, "select cast(extract(isodow from order_at) as integer) as weekday,"
                + " cast(extract(hour from order_at) as integer) as hour, count(distinct order_id) as orders, sum(net_amount) as revenue"
                + " from fct_sales where order_at >= timestamp '2025-01-01 00:00:00' and order_at < timestamp '2025-01-05 00:00:00'"
                + " group by 1, 2");
        java.util.Set<Integer> withSales = new java.util.HashSet<>();
        for (Map<String, Object> e : expected) {
            int index = (int) ((number(e.get("weekday")) - 1) * 24 + number(e.get("hour")));
            withSales.add(index);
            JsonNode cell = cells.get(index);
            assertEquals(number(e.get("weekday")), cell.get("weekday").asLong());
            assertEquals(number(e.get("hour")), cell.get("hour").asLong());
            assertEquals(number(e.get("orders")), cell.get("orders").asLong());
            assertEquals(money(e.get("revenue")), money(cell.get("revenue")));
        }
        for (int i = 0; i < cells.size(); i++) {
            if (!withSales.contains(i)) {
                assertEquals(0, cells.get(i).get("orders").asLong(), "a cell without sales: " + cells.get(i));
                assertEquals(0, money(cells.get(i).get("revenue")).signum(), "a cell without sales: " + cells.get(i));
            }
        }
        long monday = 0;
        for (JsonNode cell : cells) {
            monday += cell.get("weekday").asInt() == 1 ? cell.get("orders").asLong() : 0;
        }
        assertEquals(0, monday, "2025-01-01 to 2025-01-04 is Wednesday to Saturday");
    }

    @Test
    void channelsEqualSqlFiguresPerChannelAndTheChannelFilterKeepsOne() throws Exception {
        JsonNode channels = get("/api/analytics/channels?from=2025-01-01&to=2025-01-05").get("channels");
        String sql = "select channel, sum(net_amount) as revenue, count(distinct order_id) as orders, sum(quantity) as units"
                + " from (" + LINES + ") as l %s group by channel order by revenue desc";
        List<Map<String, Object>> expected = query(warehouse, sql.formatted(""), "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(3, channels.size());
        assertChannels(expected, channels);
        JsonNode web = get("/api/analytics/channels?from=2025-01-01&to=2025-01-05&channel=web").get("channels");
        assertEquals(1, web.size(), "the channel filter keeps one");
        assertChannels(query(warehouse, sql.formatted("where channel = ?"), "2025-01-01 00:00:00", "2025-01-05 00:00:00", "web"), web);
    }

    private static void assertChannels(List<Map<String, Object>> expected, JsonNode channels) {
        assertEquals(expected.size(), channels.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("channel"), channels.get(i).get("channel").asText());
            assertEquals(money(expected.get(i).get("revenue")), money(channels.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("orders")), channels.get(i).get("orders").asLong());
            assertEquals(number(expected.get(i).get("units")), channels.get(i).get("units").asLong());
        }
    }

    @Test
    void categoryStoreAndChannelFiltersNarrowEveryFigureToTheirLines() throws Exception {
        String range = "from=2025-01-01&to=2025-01-05";
        BigDecimal all = money(get("/api/analytics/summary?" + range).get("current").get("revenue"));
        String category = get("/api/analytics/categories?" + range).get("categories").get(0).get("category").asText();
        long storeId = get("/api/analytics/regions?" + range + "&channel=store").get("stores").get(0).get("store_id").asLong();

        JsonNode byCategory = get("/api/analytics/summary?" + range + "&category=" + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(money(totals("2025-01-01", "2025-01-05", "and category = ?", category).get("revenue")), money(byCategory.get("current").get("revenue")));
        assertEquals(category, byCategory.get("filters").get("category").asText());
        assertTrue(money(byCategory.get("current").get("revenue")).compareTo(all) < 0);

        JsonNode byChannel = get("/api/analytics/summary?" + range + "&channel=web");
        assertEquals(money(totals("2025-01-01", "2025-01-05", "and channel = ?", "web").get("revenue")), money(byChannel.get("current").get("revenue")));
        assertEquals(number(totals("2025-01-01", "2025-01-05", "and channel = ?", "web").get("orders")), byChannel.get("current").get("orders").asLong());

        JsonNode byStore = get("/api/analytics/summary?" + range + "&store=" + storeId);
        assertEquals(money(totals("2025-01-01", "2025-01-05", "and store_key = ?", storeId).get("revenue")), money(byStore.get("current").get("revenue")));

        JsonNode categoryAndStore = get("/api/analytics/summary?" + range + "&store=" + storeId + "&category="
                + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8)).get("current");
        assertFigures(figures(totals("2025-01-01", "2025-01-05", "and category = ? and store_key = ?", category, storeId)), categoryAndStore);
        assertTrue(categoryAndStore.get("orders").asLong() > 0);

        JsonNode combined = get("/api/analytics/channels?" + range + "&channel=web&category=" + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8)).get("channels");
        assertEquals(1, combined.size());
        assertEquals(money(totals("2025-01-01", "2025-01-05", "and channel = ? and category = ?", "web", category).get("revenue")),
                money(combined.get(0).get("revenue")));

        JsonNode categories = get("/api/analytics/categories?" + range + "&category=" + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8)).get("categories");
        assertEquals(1, categories.size());
        assertNotEquals(0, money(categories.get(0).get("revenue")).signum());

        JsonNode unknown = get("/api/analytics/summary?" + range + "&category=%3Cscript%3E%22'");
        assertEquals(0, money(unknown.get("current").get("revenue")).signum(), "a category nobody sells has no revenue");
        assertEquals("<script>\"'", unknown.get("filters").get("category").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/analytics/summary?from=2025-13-01",
            "/api/analytics/summary?from=yesterday",
            "/api/analytics/revenue?to=2025-01-05T00",
            "/api/analytics/categories?from=2025-01-04&to=2025-01-02",
            "/api/analytics/channels?channel=fax",
            "/api/analytics/regions?store=abc",
            "/api/analytics/heatmap?store=1%27%20or%201%3D1",
            "/api/analytics/top-products?limit=0",
            "/api/analytics/top-customers?limit=ten",
            "/api/analytics/revenue?grain=year",
            "/api/analytics/summary?colour=red",
            "/api/analytics/summary?channel=web&channel=store",
            "/api/analytics/view?grain=year",
            "/api/analytics/view?channel=fax",
            "/api/analytics/view?limit=5",
    })
    void aBadFilterValueGetsA400WithAJsonBodyNamingTheParameter(String pathAndQuery) throws Exception {
        HttpResponse<String> response = app.get(pathAndQuery);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertEquals("bad_parameter", body.get("error").asText());
        assertFalse(body.get("detail").asText().isEmpty());
        assertTrue(body.has("parameter"));
    }

    @Test
    void theViewAnswersWhatEachEndpointAnswersForTheSameFilters() throws Exception {
        for (String filters : List.of("", "from=2025-01-02&to=2025-01-04&channel=web")) {
            String and = filters.isEmpty() ? "" : "&" + filters;
            JsonNode view = get("/api/analytics/view?grain=week" + and);
            assertEquals(get("/api/analytics/summary?" + filters).get("filters"), view.get("filters"));
            Map<String, String> parts = new java.util.LinkedHashMap<>();
            parts.put("summary", "summary?" + filters);
            parts.put("revenue", "revenue?grain=week" + and);
            parts.put("categories", "categories?" + filters);
            parts.put("channels", "channels?" + filters);
            parts.put("regions", "regions?" + filters);
            parts.put("heatmap", "heatmap?" + filters);
            parts.put("top_products", "top-products?" + filters);
            parts.put("top_customers", "top-customers?" + filters);
            List<String> names = new ArrayList<>();
            view.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("filters", "summary", "revenue", "categories", "channels", "regions", "heatmap",
                    "top_products", "top_customers"), names);
            for (Map.Entry<String, String> part : parts.entrySet()) {
                com.fasterxml.jackson.databind.node.ObjectNode alone =
                        (com.fasterxml.jackson.databind.node.ObjectNode) get("/api/analytics/" + part.getValue());
                alone.remove("filters");
                assertEquals(alone, view.get(part.getKey()), part.getKey() + " with '" + filters + "'");
            }
        }
    }

    @Test
    void theOptionsListTheCategoriesStoresChannelsAndDaysWithSales() throws Exception {
        JsonNode options = get("/api/analytics/options");
        List<String> categories = new ArrayList<>();
        options.get("categories").forEach(c -> categories.add(c.asText()));
        List<Object> expected = query(warehouse, "select distinct category from dim_product where product_key <> -1 order by category")
                .stream().map(r -> r.get("category")).toList();
        assertEquals(expected, categories);
        List<Map<String, Object>> stores = query(warehouse,
                "select store_id, store_name, channel from dim_store where store_key <> -1 order by store_id");
        assertTrue(stores.size() >= 3);
        assertEquals(stores.size(), options.get("stores").size());
        for (int i = 0; i < stores.size(); i++) {
            JsonNode store = options.get("stores").get(i);
            assertEquals(number(stores.get(i).get("store_id")), store.get("store_id").asLong());
            assertEquals(stores.get(i).get("store_name"), store.get("store_name").asText());
            assertEquals(stores.get(i).get("channel"), store.get("channel").asText());
        }
        assertEquals(List.of("store", "web", "mobile"), List.of(options.get("channels").get(0).asText(),
                options.get("channels").get(1).asText(), options.get("channels").get(2).asText()));
        assertEquals(3, options.get("channels").size());
        assertEquals("2025-01-01", options.get("first_day").asText());
        assertEquals("2025-01-04", options.get("last_day").asText());
        assertEquals(14, options.get("default_days").asInt(), "dashboard.default-days");
    }

    @Test
    void theExternalDashboardLinkIsAbsentWhenNotConfigured() throws Exception {
        assertTrue(get("/api/dashboard/config").get("external_url").isNull());
        assertFalse(get("/api/dashboard/config").get("write_token_required").asBoolean(), "without API_WRITE_TOKEN writes are open");
    }

    @Test
    void thePageAndTheChartingLibraryAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = app.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/webjars/echarts/dist/echarts.common.min.js"));
        HttpResponse<byte[]> echarts = app.getBytes("/webjars/echarts/dist/echarts.common.min.js");
        assertEquals(200, echarts.statusCode());
        assertTrue(echarts.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(echarts.body().length > 500_000);
        assertEquals(200, app.get("/dashboard/dashboard.js").statusCode());
        assertEquals(404, app.get("/dashboard/sql/summary.sql").statusCode());
        assertEquals(404, app.get("/webjars/echarts/..%2F..%2F..%2Fpom.properties").statusCode());
        assertEquals(404, app.get("/dashboard/..%2Fapplication.properties").statusCode());
    }
}
