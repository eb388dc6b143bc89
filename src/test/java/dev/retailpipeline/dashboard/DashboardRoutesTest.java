package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static dev.retailpipeline.dashboard.DashboardTestSupport.money;
import static dev.retailpipeline.dashboard.DashboardTestSupport.number;
import static dev.retailpipeline.dashboard.DashboardTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.ErrorResponses;
import org.apache.camel.Exchange;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routes of routes/dashboard.camel.yaml on their own: the file (and http-errors.camel.yaml, whose
 * routeConfiguration they use) loaded into a bare CamelContext, the beans they call bound as AppConfiguration binds
 * them, over a DuckDB warehouse holding two generated days (2025-01-01 and 2025-01-02, seed 11) with the marts built.
 * Each platform-http input is replaced by a direct: endpoint; a request goes to the route whose path it names. Every
 * body is compared whole with JSON built from SQL written here (days from order_at, not from the date_key the
 * endpoints filter on).
 */
class DashboardRoutesTest extends CamelTestSupport {

    private static final long SEED = 11;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-03T00:10:00Z"), ZoneOffset.UTC);
    private static final int DEFAULT_DAYS = 14;
    /** JSON numbers compared by value (the routes write 12.50 where SQL gives 12.5, and ints where Java has longs). */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    /** The order lines of an order_at range with their product's category and their customer's id. */
    private static final String LINES = """
            select s.*, p.category, c.customer_id
            from fct_sales as s
            inner join dim_product as p on s.product_key = p.product_key
            inner join dim_customer as c on s.customer_key = c.customer_key
            where s.order_at >= cast(? as timestamp) and s.order_at < cast(? as timestamp)
            """;

    private static Path dir;
    private static Warehouse warehouse;

    private AnalyticsQueries queries;
    private RouteTestSupport.LoadedRoutes routes;

    @BeforeAll
    static void loadTwoDays() throws Exception {
        dir = Files.createTempDirectory("dashboard-routes");
        warehouse = RouteTestSupport.loadedWarehouse(dir, SEED, "2025-01-01", "2025-01-03");
    }

    @AfterAll
    static void closeWarehouse() throws Exception {
        warehouse.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("dashboard.warm-delay-ms", "3600000"); // the start-up warm-up stays out of the way
        return p;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        queries = new AnalyticsQueries(warehouse, CLOCK, DEFAULT_DAYS, new AnalyticsCache(3600, 100));
        registry.bind("analyticsQueries", queries);
        registry.bind("dashboardConfig", new DashboardConfig("https://dashboards.example.com/sales", "Sales board", true));
        registry.bind("errorResponses", new ErrorResponses());
    }

    private void startRoutes() throws Exception {
        routes = new RouteTestSupport.LoadedRoutes(context, "http-errors", "dashboard");
        context.start();
    }

    private Exchange get(String pathAndQuery) {
        return routes.get(template, pathAndQuery);
    }

    /** The 200 JSON answer of a GET; fails on any other status or content type. */
    private JsonNode json(String pathAndQuery) throws Exception {
        Exchange reply = get(pathAndQuery);
        assertNull(reply.getException(), pathAndQuery);
        String body = reply.getMessage().getBody(String.class);
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE), pathAndQuery + " -> " + body);
        assertEquals("application/json", reply.getMessage().getHeader(Exchange.CONTENT_TYPE), pathAndQuery);
        return JSON.readTree(body);
    }

    private static void assertJson(JsonNode expected, JsonNode actual) {
        assertTrue(expected.equals(NUMBERS_BY_VALUE, actual), () -> "expected\n" + expected.toPrettyString()
                + "\nbut was\n" + actual.toPrettyString());
    }

    private static ObjectNode filters(String from, String to, String category, Long store, String channel) {
        ObjectNode f = JSON.createObjectNode();
        f.put("from", from);
        f.put("to", to);
        f.put("category", category);
        f.put("store", store);
        f.put("channel", channel);
        return f;
    }

    private static ObjectNode withFilters(String from, String to) {
        ObjectNode body = JSON.createObjectNode();
        body.set("filters", filters(from, to, null, null, null));
        return body;
    }

    private static String start(String day) {
        return day + " 00:00:00";
    }

    /** A JSON array of the SQL's rows, each column by its label; decimals as money. */
    private static ArrayNode rows(String sql, Object... parameters) throws SQLException {
        ArrayNode array = JSON.createArrayNode();
        for (Map<String, Object> row : query(warehouse, sql, parameters)) {
            ObjectNode node = array.addObject();
            row.forEach((column, value) -> {
                if (value == null) {
                    node.putNull(column);
                } else if (value instanceof BigDecimal d) {
                    node.put(column, money(d));
                } else if (value instanceof Number n) {
                    node.put(column, n.longValue());
                } else {
                    node.put(column, value.toString());
                }
            });
        }
        return array;
    }

    /** revenue, orders, average_order_value, units and customers of the lines of [from, to), as the summary has them. */
    private static ObjectNode figures(String from, String to) throws SQLException {
        Map<String, Object> t = query(warehouse, "select coalesce(sum(net_amount), 0) as revenue, count(distinct order_id) as orders,"
                + " coalesce(sum(quantity), 0) as units, count(distinct case when customer_id <> -1 then customer_id end) as customers"
                + " from (" + LINES + ") as l", start(from), start(to)).get(0);
        ObjectNode f = JSON.createObjectNode();
        BigDecimal revenue = money(t.get("revenue"));
        long orders = number(t.get("orders"));
        f.put("revenue", revenue);
        f.put("orders", orders);
        f.put("average_order_value", orders == 0 ? money(0) : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
        f.put("units", number(t.get("units")));
        f.put("customers", number(t.get("customers")));
        return f;
    }

    @Test
    void everyRouteOfTheFileIsLoadedWithItsIdADescriptionAndAGetOnlyPath() throws Exception {
        startRoutes();
        Map<String, String> inputs = new LinkedHashMap<>();
        routes.declared().values().forEach(r -> inputs.put(r.id(), r.input()));
        Map<String, String> expected = new LinkedHashMap<>();
        for (String endpoint : List.of("summary", "revenue", "categories", "top-products", "top-customers", "regions",
                "heatmap", "channels", "view", "options")) {
            expected.put("api-analytics-" + endpoint, "platform-http:/api/analytics/" + endpoint + "?httpMethodRestrict=GET");
        }
        expected.put("api-dashboard-config", "platform-http:/api/dashboard/config?httpMethodRestrict=GET");
        expected.put("warm-dashboard", "direct:warm-dashboard");
        expected.put("warm-dashboard-at-start", "timer:warm-dashboard?delay={{dashboard.warm-delay-ms}}&repeatCount=1");
        assertEquals(expected, inputs);
        for (RouteTestSupport.DeclaredRoute route : routes.declared().values()) {
            assertFalse(route.description() == null || route.description().isBlank(), route.id() + " has a description");
            assertEquals(route.description(), context.getRoute(route.id()).getDescription(), route.id());
            assertEquals(route.input().startsWith("platform-http:") ? "http-errors" : null, route.routeConfigurationId(),
                    route.id() + ": every HTTP route answers errors as JSON, and only they");
        }
        assertEquals(expected.size(), context.getRoutes().size());
    }

    @Test
    void theSummaryRouteAnswersTheHeadlineFiguresAndTheirChangeAgainstThePreviousPeriod() throws Exception {
        startRoutes();
        ObjectNode current = figures("2025-01-02", "2025-01-03");
        ObjectNode previousFigures = figures("2025-01-01", "2025-01-02");
        assertTrue(current.get("orders").asLong() > 50, "the day holds orders: " + current);

        ObjectNode expected = withFilters("2025-01-02", "2025-01-03");
        expected.set("current", current);
        ObjectNode previous = expected.putObject("previous");
        previous.put("from", "2025-01-01");
        previous.put("to", "2025-01-02");
        previous.setAll(previousFigures);
        ObjectNode change = expected.putObject("change");
        current.fieldNames().forEachRemaining(k -> {
            double cur = current.get(k).doubleValue();
            double prev = previousFigures.get(k).doubleValue();
            change.put(k, Math.round((cur - prev) / prev * 10000) / 10000.0);
        });
        assertJson(expected, json("/api/analytics/summary?from=2025-01-02&to=2025-01-03"));
    }

    @Test
    void withoutFiltersTheSummaryRouteCoversTheLastDefaultDaysWithSalesButNotBeforeTheFirst() throws Exception {
        startRoutes();
        JsonNode body = json("/api/analytics/summary");
        assertJson(filters("2025-01-01", "2025-01-03", null, null, null), body.get("filters"));
        assertJson(figures("2025-01-01", "2025-01-03"), body.get("current"));
        assertEquals("2024-12-30", body.get("previous").get("from").asText(), "the two days before the first sale");
        assertEquals(0, body.get("previous").get("orders").asLong());
        assertTrue(body.get("change").get("revenue").isNull(), "no change against a period without sales");
    }

    @Test
    void theRevenueRouteAnswersRevenueOrdersAndUnitsPerDay() throws Exception {
        startRoutes();
        ObjectNode expected = withFilters("2025-01-01", "2025-01-03");
        expected.put("grain", "day");
        expected.set("points", rows("select cast(cast(order_at as date) as varchar) as period, sum(net_amount) as revenue,"
                + " count(distinct order_id) as orders, sum(quantity) as units from fct_sales"
                + " where order_at >= timestamp '2025-01-01 00:00:00' and order_at < timestamp '2025-01-03 00:00:00'"
                + " group by 1 order by 1"));
        assertEquals(2, expected.get("points").size());
        assertJson(expected, json("/api/analytics/revenue?from=2025-01-01&to=2025-01-03&grain=day"));
    }

    @Test
    void theCategoriesRouteAnswersRevenueUnitsAndOrdersPerCategory() throws Exception {
        startRoutes();
        ObjectNode expected = withFilters("2025-01-01", "2025-01-03");
        expected.set("categories", rows("select category, sum(net_amount) as revenue, sum(quantity) as units,"
                + " count(distinct order_id) as orders from (" + LINES + ") as l group by category order by revenue desc, category",
                start("2025-01-01"), start("2025-01-03")));
        assertTrue(expected.get("categories").size() > 2);
        assertJson(expected, json("/api/analytics/categories?from=2025-01-01&to=2025-01-03"));
    }

    @Test
    void theTopProductsRouteAnswersAsManyProductsAsTheLimitWithTheMostRevenueFirst() throws Exception {
        startRoutes();
        ObjectNode expected = withFilters("2025-01-01", "2025-01-03");
        expected.set("products", rows("select l.product_id, cur.product_name, cur.category, cur.brand,"
                + " sum(l.net_amount) as revenue, sum(l.quantity) as units, count(distinct l.order_id) as orders"
                + " from (select s.*, p.product_id from fct_sales as s inner join dim_product as p on s.product_key = p.product_key"
                + " where s.order_at >= cast(? as timestamp) and s.order_at < cast(? as timestamp)) as l"
                + " left join dim_product as cur on cur.product_id = l.product_id and cur.is_current"
                + " group by l.product_id, cur.product_name, cur.category, cur.brand order by revenue desc, l.product_id limit 3",
                start("2025-01-01"), start("2025-01-03")));
        assertJson(expected, json("/api/analytics/top-products?from=2025-01-01&to=2025-01-03&limit=3"));
    }

    @Test
    void theTopCustomersRouteAnswersAsManyCustomersAsTheLimitWithTheMostRevenueFirst() throws Exception {
        startRoutes();
        ObjectNode expected = withFilters("2025-01-01", "2025-01-03");
        expected.set("customers", rows("select l.customer_id, cur.first_name, cur.last_name, cur.city, cur.state, cur.loyalty_tier,"
                + " sum(l.net_amount) as revenue, count(distinct l.order_id) as orders from (" + LINES + ") as l"
                + " left join dim_customer as cur on cur.customer_id = l.customer_id and cur.is_current"
                + " group by l.customer_id, cur.first_name, cur.last_name, cur.city, cur.state, cur.loyalty_tier"
                + " order by revenue desc, l.customer_id limit 3", start("2025-01-01"), start("2025-01-03")));
        assertJson(expected, json("/api/analytics/top-customers?from=2025-01-01&to=2025-01-03&limit=3"));
    }

    @Test
    void theRegionsRouteAnswersRevenuePerStateAndPerStore() throws Exception {
        startRoutes();
        ObjectNode expected = withFilters("2025-01-01", "2025-01-03");
        expected.set("states", rows("select st.state, sum(l.net_amount) as revenue, count(distinct l.order_id) as orders,"
                + " count(distinct l.store_key) as stores from (" + LINES + ") as l"
                + " inner join dim_store as st on l.store_key = st.store_key group by st.state order by revenue desc, st.state",
                start("2025-01-01"), start("2025-01-03")));
        expected.set("stores", rows("select l.store_key as store_id, st.store_name, st.channel, st.city, st.state,"
                + " sum(l.net_amount) as revenue, count(distinct l.order_id) as orders from (" + LINES + ") as l"
                + " inner join dim_store as st on l.store_key = st.store_key"
                + " group by l.store_key, st.store_name, st.channel, st.city, st.state order by revenue desc, l.store_key",
                start("2025-01-01"), start("2025-01-03")));
        assertTrue(expected.get("stores").size() >= 3);
        assertJson(expected, json("/api/analytics/regions?from=2025-01-01&to=2025-01-03"));
    }

    @Test
    void theHeatmapRouteAnswersEveryWeekdayAndHourWithTheRevenueAndOrdersOfThatCell() throws Exception {
        startRoutes();
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (Map<String, Object> row : query(warehouse, "select cast(isodow(order_at) as integer) as weekday,"
                + " cast(hour(order_at) as integer) as hour, sum(net_amount) as revenue, count(distinct order_id) as orders"
                + " from fct_sales where order_at >= timestamp '2025-01-01 00:00:00' and order_at < timestamp '2025-01-03 00:00:00'"
                + " group by 1, 2")) {
            found.put(row.get("weekday") + "/" + row.get("hour"), row);
        }
        ObjectNode expected = withFilters("2025-01-01", "2025-01-03");
        ArrayNode cells = expected.putArray("cells");
        for (int weekday = 1; weekday <= 7; weekday++) {
            for (int hour = 0; hour < 24; hour++) {
                Map<String, Object> row = found.get(weekday + "/" + hour);
                ObjectNode cell = cells.addObject();
                cell.put("weekday", weekday);
                cell.put("hour", hour);
                cell.put("revenue", row == null ? money(0) : money(row.get("revenue")));
                cell.put("orders", row == null ? 0 : number(row.get("orders")));
            }
        }
        assertTrue(found.keySet().stream().allMatch(k -> k.startsWith("3/") || k.startsWith("4/")),
                "2025-01-01 and 2025-01-02 are a Wednesday and a Thursday: " + found.keySet());
        assertJson(expected, json("/api/analytics/heatmap?from=2025-01-01&to=2025-01-03"));
    }

    @Test
    void theChannelsRouteAnswersRevenueOrdersAndUnitsPerChannelAndTheChannelFilterKeepsOne() throws Exception {
        startRoutes();
        String channelSql = "select channel, sum(net_amount) as revenue, count(distinct order_id) as orders, sum(quantity) as units"
                + " from (" + LINES + ") as l where ? is null or channel = ? group by channel order by revenue desc, channel";
        ObjectNode all = withFilters("2025-01-01", "2025-01-03");
        all.set("channels", rows(channelSql, start("2025-01-01"), start("2025-01-03"), null, null));
        assertEquals(3, all.get("channels").size(), "store, web and mobile all sold");
        assertJson(all, json("/api/analytics/channels?from=2025-01-01&to=2025-01-03"));

        ObjectNode web = JSON.createObjectNode();
        web.set("filters", filters("2025-01-01", "2025-01-03", null, null, "web"));
        web.set("channels", rows(channelSql, start("2025-01-01"), start("2025-01-03"), "web", "web"));
        assertEquals(1, web.get("channels").size());
        assertJson(web, json("/api/analytics/channels?from=2025-01-01&to=2025-01-03&channel=web"));
    }

    @Test
    void theCategoryAndStoreFiltersNarrowTheSummaryToTheirLines() throws Exception {
        startRoutes();
        String category = query(warehouse, "select category from (" + LINES + ") as l group by category order by sum(net_amount) desc limit 1",
                start("2025-01-01"), start("2025-01-03")).get(0).get("category").toString();
        long store = number(query(warehouse, "select store_key from (" + LINES + ") as l where channel = 'store'"
                + " group by store_key order by sum(net_amount) desc limit 1", start("2025-01-01"), start("2025-01-03")).get(0).get("store_key"));
        String encoded = java.net.URLEncoder.encode(category, StandardCharsets.UTF_8);
        JsonNode body = json("/api/analytics/summary?from=2025-01-01&to=2025-01-03&category=" + encoded + "&store=" + store);
        assertJson(filters("2025-01-01", "2025-01-03", category, store, null), body.get("filters"));
        Map<String, Object> expected = query(warehouse, "select sum(net_amount) as revenue, count(distinct order_id) as orders"
                + " from (" + LINES + ") as l where category = ? and store_key = ?",
                start("2025-01-01"), start("2025-01-03"), category, store).get(0);
        assertEquals(money(expected.get("revenue")), money(body.get("current").get("revenue")));
        assertEquals(number(expected.get("orders")), body.get("current").get("orders").asLong());
        assertTrue(body.get("current").get("orders").asLong() > 0);
    }

    @Test
    void theViewRouteAnswersWhatEachAnalyticsRouteAnswersForTheSameFiltersSideBySide() throws Exception {
        startRoutes();
        String filters = "from=2025-01-01&to=2025-01-03&channel=store";
        JsonNode view = json("/api/analytics/view?grain=day&" + filters);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("summary", "summary?" + filters);
        parts.put("revenue", "revenue?grain=day&" + filters);
        parts.put("categories", "categories?" + filters);
        parts.put("channels", "channels?" + filters);
        parts.put("regions", "regions?" + filters);
        parts.put("heatmap", "heatmap?" + filters);
        parts.put("top_products", "top-products?" + filters);
        parts.put("top_customers", "top-customers?" + filters);
        List<String> names = new ArrayList<>();
        view.fieldNames().forEachRemaining(names::add);
        List<String> expectedNames = new ArrayList<>(List.of("filters"));
        expectedNames.addAll(parts.keySet());
        assertEquals(expectedNames, names);
        assertJson(filters("2025-01-01", "2025-01-03", null, null, "store"), view.get("filters"));
        for (Map.Entry<String, String> part : parts.entrySet()) {
            ObjectNode alone = (ObjectNode) json("/api/analytics/" + part.getValue());
            alone.remove("filters");
            assertEquals(alone, view.get(part.getKey()), part.getKey());
        }
        assertEquals(10, view.get("top_products").get("products").size(), "the top lists at their default limit");
    }

    @Test
    void theOptionsRouteListsTheCategoriesStoresChannelsAndDaysWithSales() throws Exception {
        startRoutes();
        ObjectNode expected = JSON.createObjectNode();
        ArrayNode categories = expected.putArray("categories");
        query(warehouse, "select distinct category from dim_product where product_key <> -1 order by category")
                .forEach(r -> categories.add(r.get("category").toString()));
        expected.set("stores", rows("select store_id, store_name, channel from dim_store where store_key <> -1 order by store_id"));
        expected.putArray("channels").add("store").add("web").add("mobile");
        expected.put("first_day", "2025-01-01");
        expected.put("last_day", "2025-01-02");
        expected.put("default_days", DEFAULT_DAYS);
        assertTrue(categories.size() > 2);
        assertJson(expected, json("/api/analytics/options"));
    }

    @Test
    void theConfigRouteAnswersTheExternalDashboardLinkAndWhetherStartingARunNeedsTheToken() throws Exception {
        startRoutes();
        assertEquals("{\"external_url\":\"https://dashboards.example.com/sales\",\"external_title\":\"Sales board\","
                + "\"write_token_required\":true}", json("/api/dashboard/config").toString());
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/analytics/summary?from=2025-13-01|from|'from' must be a day like 2025-01-31, got '2025-13-01'",
            "/api/analytics/revenue?from=2025-01-01&to=2025-01-03&grain=year|grain|'grain' must be day, week or month; got 'year'",
            "/api/analytics/categories?from=2025-01-03&to=2025-01-01|to|'to' must be after 'from' (from inclusive, to exclusive)",
            "/api/analytics/top-products?limit=0|limit|parameter 'limit' must be between 1 and 100, got 0",
            "/api/analytics/top-customers?limit=ten|limit|parameter 'limit' must be a whole number, got 'ten'",
            "/api/analytics/regions?store=abc|store|'store' must be a store id (a whole number), got 'abc'",
            "/api/analytics/heatmap?store=1%27%20or%201%3D1|store|'store' must be a store id (a whole number), got '1' or 1=1'",
            "/api/analytics/channels?channel=fax|channel|'channel' must be one of mobile, store, web; got 'fax'",
            "/api/analytics/view?channel=web&channel=store|channel|parameter 'channel' is given more than once",
            "/api/analytics/options?from=2025-01-01|from|\"unknown parameter 'from'; allowed: \"",
            "/api/dashboard/config?debug=1|debug|\"unknown parameter 'debug'; allowed: \"",
    })
    void aBadFilterOrParameterGets400WithAJsonBodyNamingTheParameter(String request, String parameter, String detail) throws Exception {
        startRoutes();
        Exchange reply = get(request);
        assertNull(reply.getException(), "handled by the http-errors route configuration");
        assertEquals(400, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", reply.getMessage().getHeader(Exchange.CONTENT_TYPE));
        ObjectNode expected = JSON.createObjectNode();
        expected.put("error", "bad_parameter");
        expected.put("detail", detail);
        expected.put("parameter", parameter);
        assertEquals(expected, JSON.readTree(reply.getMessage().getBody(String.class)));
    }

    @Test
    void anAnalyticsRouteWhoseWarehouseIsDownGets503WithAJsonBodyAndNoDetailOfTheFailure() throws Exception {
        context.getRegistry().bind("analyticsQueries", new AnalyticsQueries(
                Warehouse.of("jdbc:postgresql://127.0.0.1:1/nowhere"), CLOCK, DEFAULT_DAYS, new AnalyticsCache(3600, 100)));
        startRoutes();
        Exchange reply = get("/api/analytics/summary?from=2025-01-01&to=2025-01-03");
        assertNull(reply.getException());
        assertEquals(503, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", reply.getMessage().getHeader(Exchange.CONTENT_TYPE));
        assertEquals("{\"error\":\"warehouse_unavailable\",\"detail\":\"the warehouse did not answer; see /api/health, and "
                + "try again once it does\"}", reply.getMessage().getBody(String.class));
    }

    @Test
    void beforeTheFirstRunTheAnalyticsRoutesAnswerEmptyFiguresForTheDaysUpToTheClock() throws Exception {
        try (Warehouse empty = RouteTestSupport.emptyWarehouse(dir.resolve("empty.duckdb"))) {
            context.getRegistry().bind("analyticsQueries", new AnalyticsQueries(empty, CLOCK, DEFAULT_DAYS, new AnalyticsCache(3600, 100)));
            startRoutes();
            assertEquals("{\"filters\":{\"from\":\"2025-01-03\",\"to\":\"2025-01-04\",\"category\":null,\"store\":null,\"channel\":null},"
                    + "\"current\":{\"revenue\":0.00,\"orders\":0,\"average_order_value\":0.00,\"units\":0,\"customers\":0},"
                    + "\"previous\":{\"from\":\"2025-01-02\",\"to\":\"2025-01-03\",\"revenue\":0.00,\"orders\":0,\"average_order_value\":0.00,\"units\":0,\"customers\":0},"
                    + "\"change\":{\"revenue\":null,\"orders\":null,\"average_order_value\":null,\"units\":null,\"customers\":null}}",
                    get("/api/analytics/summary").getMessage().getBody(String.class));
            assertEquals("{\"categories\":[],\"stores\":[],\"channels\":[\"store\",\"web\",\"mobile\"],\"first_day\":null,"
                    + "\"last_day\":null,\"default_days\":14}", get("/api/analytics/options").getMessage().getBody(String.class));
            assertEquals("{\"filters\":{\"from\":\"2025-01-01\",\"to\":\"2025-01-03\",\"category\":null,\"store\":null,\"channel\":null},"
                    + "\"categories\":[]}", get("/api/analytics/categories?from=2025-01-01&to=2025-01-03").getMessage().getBody(String.class));
        }
    }

    @Test
    void theWarmUpRouteKeepsTheAnswersOfThePagesDefaultViewSoThePageIsAnsweredFromThem() throws Exception {
        startRoutes();
        assertEquals(0, queries.keptAnswers());
        template.sendBody("direct:warm-dashboard", null);
        assertEquals(2, queries.keptAnswers(), "the options and the view the page asks for when opened");

        JsonNode view = json("/api/analytics/view?grain=day");
        json("/api/analytics/options");
        assertEquals(2, queries.keptAnswers(), "both answered from what the warm-up kept");
        assertJson(filters("2025-01-01", "2025-01-03", null, null, null), view.get("filters"));
        assertJson(figures("2025-01-01", "2025-01-03"), view.get("summary").get("current"));

        json("/api/analytics/summary?from=2025-01-02&to=2025-01-03");
        assertEquals(3, queries.keptAnswers(), "another request is computed and kept beside them");
    }

    @Test
    void theStartUpTimerWarmsTheDefaultViewOnceAfterTheConfiguredDelay() throws Exception {
        context.getPropertiesComponent().addOverrideProperty("dashboard.warm-delay-ms", "50");
        startRoutes();
        TimerEndpoint timer = (TimerEndpoint) context.getRoute("warm-dashboard-at-start").getEndpoint();
        assertEquals(50, timer.getDelay());
        assertEquals(1, timer.getRepeatCount());
        Instant deadline = Instant.now().plusSeconds(20);
        while (queries.keptAnswers() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(2, queries.keptAnswers(), "the options and the view, computed without a request");
    }
}
