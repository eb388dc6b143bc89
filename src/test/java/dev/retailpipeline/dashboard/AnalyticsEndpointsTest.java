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

    private Map<String, Object> totals(String fromDay, String toDay, String extraWhere, Object... extra) throws Exception {
        Object[] params = new Object[2 + extra.length];
        params[0] = fromDay + " 00:00:00";
        params[1] = toDay + " 00:00:00";
        System.arraycopy(extra, 0, params, 2, extra.length);
        return query(warehouse, "select coalesce(sum(net_amount), 0) as revenue, count(distinct order_id) as orders,"
                + " coalesce(sum(quantity), 0) as units, count(distinct customer_id) as customers from (" + LINES + ") as l"
                + " where 1 = 1 " + extraWhere, params).get(0);
    }

    @Test
    void summaryEqualsSqlOverFctSalesWithTheChangeAgainstThePreviousPeriodOfTheSameLength() throws Exception {
        JsonNode body = get("/api/analytics/summary?from=2025-01-03&to=2025-01-05");
        Map<String, Object> current = totals("2025-01-03", "2025-01-05", "");
        Map<String, Object> previous = totals("2025-01-01", "2025-01-03", "");
        assertTrue(number(current.get("orders")) > 100, "the four days hold orders");

        JsonNode cur = body.get("current");
        assertEquals(money(current.get("revenue")), money(cur.get("revenue")));
        assertEquals(number(current.get("orders")), cur.get("orders").asLong());
        assertEquals(number(current.get("units")), cur.get("units").asLong());
        assertEquals(number(current.get("customers")), cur.get("customers").asLong());
        assertEquals(money(current.get("revenue")).divide(BigDecimal.valueOf(number(current.get("orders"))), 2, RoundingMode.HALF_UP),
                money(cur.get("average_order_value")));

        assertEquals("2025-01-01", body.get("previous").get("from").asText());
        assertEquals("2025-01-03", body.get("previous").get("to").asText());
        assertEquals(money(previous.get("revenue")), money(body.get("previous").get("revenue")));
        double expectedChange = (money(current.get("revenue")).doubleValue() - money(previous.get("revenue")).doubleValue())
                / money(previous.get("revenue")).doubleValue();
        assertEquals(expectedChange, body.get("change").get("revenue").asDouble(), 0.0001);
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
        assertEquals(money(totals("2025-01-01", "2025-01-05", "").get("revenue")), money(body.get("current").get("revenue")));
        assertEquals("2024-12-22", get("/api/analytics/summary?to=2025-01-05").get("filters").get("from").asText(),
                "with only 'to' the range is the 14 days before it");
    }

    @Test
    void revenuePerDayEqualsSqlAndWeeksAndMonthsAddUpTheDays() throws Exception {
        JsonNode days = get("/api/analytics/revenue?from=2025-01-01&to=2025-01-05&grain=day").get("points");
        List<Map<String, Object>> expected = query(warehouse, "select cast(cast(order_at as date) as varchar) as day,"
                + " sum(net_amount) as revenue, count(distinct order_id) as orders from fct_sales"
                + " where order_at >= timestamp '2025-01-01 00:00:00' and order_at < timestamp '2025-01-05 00:00:00'"
                + " group by 1 order by 1");
        assertEquals(4, days.size());
        assertEquals(4, expected.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i).get("day"), days.get(i).get("period").asText());
            assertEquals(money(expected.get(i).get("revenue")), money(days.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("orders")), days.get(i).get("orders").asLong());
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
    void categoriesEqualSqlRevenueAndUnitsPerCategory() throws Exception {
        JsonNode categories = get("/api/analytics/categories?from=2025-01-01&to=2025-01-05").get("categories");
        List<Map<String, Object>> expected = query(warehouse, "select category, sum(net_amount) as revenue, sum(quantity) as units"
                + " from (" + LINES + ") as l group by category order by revenue desc, category", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertTrue(expected.size() > 2);
        assertEquals(expected.size(), categories.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("category"), categories.get(i).get("category").asText());
            assertEquals(money(expected.get(i).get("revenue")), money(categories.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("units")), categories.get(i).get("units").asLong());
        }
    }

    @Test
    void topProductsAreTheProductsWithTheMostRevenueNamedByTheirCurrentVersion() throws Exception {
        JsonNode products = get("/api/analytics/top-products?from=2025-01-01&to=2025-01-05&limit=5").get("products");
        List<Map<String, Object>> expected = query(warehouse, "select l.product_id, sum(l.net_amount) as revenue,"
                + " max(cur.product_name) as product_name from (" + LINES + ") as l"
                + " inner join dim_product as cur on cur.product_id = l.product_id and cur.is_current"
                + " group by l.product_id order by revenue desc, l.product_id limit 5", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(5, products.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(number(expected.get(i).get("product_id")), products.get(i).get("product_id").asLong());
            assertEquals(money(expected.get(i).get("revenue")), money(products.get(i).get("revenue")));
            assertEquals(expected.get(i).get("product_name"), products.get(i).get("product_name").asText());
        }
        assertEquals(10, get("/api/analytics/top-products?from=2025-01-01&to=2025-01-05").get("products").size(), "10 by default");
    }

    @Test
    void topCustomersAreTheCustomersWithTheMostRevenueOverAllTheirVersions() throws Exception {
        JsonNode customers = get("/api/analytics/top-customers?from=2025-01-01&to=2025-01-05&limit=5").get("customers");
        List<Map<String, Object>> expected = query(warehouse, "select customer_id, sum(net_amount) as revenue, count(distinct order_id) as orders"
                + " from (" + LINES + ") as l group by customer_id order by revenue desc, customer_id limit 5",
                "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(5, customers.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(number(expected.get(i).get("customer_id")), customers.get(i).get("customer_id").asLong());
            assertEquals(money(expected.get(i).get("revenue")), money(customers.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("orders")), customers.get(i).get("orders").asLong());
            assertFalse(customers.get(i).get("last_name").asText().isEmpty());
        }
    }

    @Test
    void regionsEqualSqlRevenuePerStoreAndPerState() throws Exception {
        JsonNode body = get("/api/analytics/regions?from=2025-01-01&to=2025-01-05");
        List<Map<String, Object>> stores = query(warehouse, "select s.store_key, sum(s.net_amount) as revenue from (" + LINES + ") as s"
                + " group by s.store_key order by revenue desc, s.store_key", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(stores.size(), body.get("stores").size());
        for (int i = 0; i < stores.size(); i++) {
            assertEquals(number(stores.get(i).get("store_key")), body.get("stores").get(i).get("store_id").asLong());
            assertEquals(money(stores.get(i).get("revenue")), money(body.get("stores").get(i).get("revenue")));
        }
        List<Map<String, Object>> states = query(warehouse, "select st.state, sum(s.net_amount) as revenue from (" + LINES + ") as s"
                + " inner join dim_store as st on s.store_key = st.store_key group by st.state", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(states.size(), body.get("states").size());
        for (JsonNode state : body.get("states")) {
            Map<String, Object> match = states.stream().filter(s -> state.get("state").asText().equals(s.get("state"))).findFirst().orElseThrow();
            assertEquals(money(match.get("revenue")), money(state.get("revenue")));
        }
    }

    @Test
    void theHeatMapHasEveryWeekdayAndHourWithTheOrdersOfThatCell() throws Exception {
        JsonNode cells = get("/api/analytics/heatmap?from=2025-01-01&to=2025-01-05").get("cells");
        assertEquals(7 * 24, cells.size());
        List<Map<String, Object>> expected = query(warehouse, "select cast(extract(isodow from order_at) as integer) as weekday,"
                + " cast(extract(hour from order_at) as integer) as hour, count(distinct order_id) as orders, sum(net_amount) as revenue"
                + " from fct_sales where order_at >= timestamp '2025-01-01 00:00:00' and order_at < timestamp '2025-01-05 00:00:00'"
                + " group by 1, 2");
        for (Map<String, Object> e : expected) {
            JsonNode cell = cells.get((int) ((number(e.get("weekday")) - 1) * 24 + number(e.get("hour"))));
            assertEquals(number(e.get("weekday")), cell.get("weekday").asLong());
            assertEquals(number(e.get("hour")), cell.get("hour").asLong());
            assertEquals(number(e.get("orders")), cell.get("orders").asLong());
            assertEquals(money(e.get("revenue")), money(cell.get("revenue")));
        }
        long monday = 0;
        for (JsonNode cell : cells) {
            monday += cell.get("weekday").asInt() == 1 ? cell.get("orders").asLong() : 0;
        }
        assertEquals(0, monday, "2025-01-01 to 2025-01-04 is Wednesday to Saturday");
    }

    @Test
    void channelsEqualSqlRevenuePerChannel() throws Exception {
        JsonNode channels = get("/api/analytics/channels?from=2025-01-01&to=2025-01-05").get("channels");
        List<Map<String, Object>> expected = query(warehouse, "select channel, sum(net_amount) as revenue, count(distinct order_id) as orders"
                + " from (" + LINES + ") as l group by channel order by revenue desc", "2025-01-01 00:00:00", "2025-01-05 00:00:00");
        assertEquals(3, channels.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("channel"), channels.get(i).get("channel").asText());
            assertEquals(money(expected.get(i).get("revenue")), money(channels.get(i).get("revenue")));
            assertEquals(number(expected.get(i).get("orders")), channels.get(i).get("orders").asLong());
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
    void theOptionsListTheCategoriesStoresAndDaysWithSales() throws Exception {
        JsonNode options = get("/api/analytics/options");
        List<String> categories = new ArrayList<>();
        options.get("categories").forEach(c -> categories.add(c.asText()));
        List<Object> expected = query(warehouse, "select distinct category from dim_product where product_key <> -1 order by category")
                .stream().map(r -> r.get("category")).toList();
        assertEquals(expected, categories);
        assertTrue(options.get("stores").size() >= 3);
        assertEquals("2025-01-01", options.get("first_day").asText());
        assertEquals("2025-01-04", options.get("last_day").asText());
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
