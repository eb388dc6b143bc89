package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static dev.retailpipeline.dashboard.RouteTestSupport.fieldNames;
import static dev.retailpipeline.dashboard.DashboardTestSupport.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routes of routes/dashboard.camel.yaml in the running application, over HTTP: each path answers its endpoint
 * with the filters and parameters it was given, the view equals the single endpoints side by side, a bad parameter
 * gets 400 and a warehouse that does not answer 503, and the warm-up route and its start-up timer keep the page's
 * default answers. Whether the figures are right is AnalyticsEndpointsTest's (against SQL of its own).
 * The warehouse holds two days (2025-01-01 and 2025-01-02, seed 11) loaded by a backfill; each application starts
 * on a copy of it with the clock at 2025-01-03T00:10Z.
 */
class DashboardRoutesTest {

    private static final Instant NOW = Instant.parse("2025-01-03T00:10:00Z");
    private static final String TWO_DAYS = "from=2025-01-01&to=2025-01-03";

    @TempDir
    static Path dir;
    /** The DuckDB file the backfill loaded; closed. */
    private static Path loaded;
    private static RunningApplication app;

    @BeforeAll
    static void loadTwoDays() throws Exception {
        loaded = RouteTestSupport.loadedWarehouse(Files.createDirectories(dir.resolve("load")), DashboardTestSupport.SEED,
                "2025-01-01", "2025-01-03");
        app = startOnACopy("shared", Map.of(
                "dashboard.external-url", "https://dashboards.example.com/sales",
                "dashboard.external-title", "Sales board",
                "api.token", "a-write-token"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /**
     * The application on a copy of the loaded warehouse named {@code name}, with the start-up warm-up an hour away
     * (out of the way) unless {@code extra} says otherwise.
     */
    private static RunningApplication startOnACopy(String name, Map<String, String> extra) throws Exception {
        Path copy = Files.copy(loaded, dir.resolve(name + ".duckdb"));
        Map<String, String> properties = new HashMap<>();
        properties.put("warehouse.url", "jdbc:duckdb:" + copy);
        properties.put("dashboard.warm-delay-ms", "3600000");
        properties.putAll(extra);
        return DashboardTestSupport.start(dir.resolve(name), new MovableClock(NOW), properties);
    }

    private static AnalyticsQueries queries(RunningApplication application) {
        return application.context().getRegistry().lookupByNameAndType("analyticsQueries", AnalyticsQueries.class);
    }

    /** The 200 JSON answer of a GET; fails on any other status or content type. */
    private static JsonNode json(RunningApplication application, String pathAndQuery) throws Exception {
        HttpResponse<String> reply = application.get(pathAndQuery);
        assertEquals(200, reply.statusCode(), pathAndQuery + " -> " + reply.body());
        assertEquals("application/json", reply.headers().firstValue("Content-Type").orElse(null), pathAndQuery);
        return JSON.readTree(reply.body());
    }

    private static JsonNode json(String pathAndQuery) throws Exception {
        return json(app, pathAndQuery);
    }

    private static ObjectNode filters(String from, String to, String category, Integer store, String channel) {
        ObjectNode f = JSON.createObjectNode();
        f.put("from", from);
        f.put("to", to);
        f.put("category", category);
        f.put("store", store);
        f.put("channel", channel);
        return f;
    }

    @Test
    void everyRouteOfTheFileIsLoadedWithItsIdADescriptionAndAGetOnlyPath() {
        List<RouteDefinition> routes = RouteTestSupport.routesOfFile(app, "dashboard");
        Map<String, String> inputs = new LinkedHashMap<>();
        routes.forEach(r -> inputs.put(r.getRouteId(), r.getInput().getEndpointUri()));
        Map<String, String> expected = new LinkedHashMap<>();
        for (String endpoint : List.of("summary", "revenue", "categories", "top-products", "top-customers", "regions",
                "heatmap", "channels", "view", "options")) {
            expected.put("api-analytics-" + endpoint, "platform-http:/api/analytics/" + endpoint + "?httpMethodRestrict=GET");
        }
        expected.put("api-dashboard-config", "platform-http:/api/dashboard/config?httpMethodRestrict=GET");
        expected.put("warm-dashboard", "direct:warm-dashboard");
        expected.put("warm-dashboard-at-start", "timer:warm-dashboard?delay={{dashboard.warm-delay-ms}}&repeatCount=1");
        assertEquals(expected, inputs);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(inputs.keySet()), "in the file's order");
        for (RouteDefinition route : routes) {
            String id = route.getRouteId();
            assertFalse(route.getDescription() == null || route.getDescription().isBlank(), id + " has a description");
            assertEquals(route.getDescription(), app.context().getRoute(id).getDescription(), id);
            assertEquals(ServiceStatus.Started, app.context().getRouteController().getRouteStatus(id), id);
            assertEquals(inputs.get(id).startsWith("platform-http:") ? "http-errors" : null, route.getRouteConfigurationId(),
                    id + ": every HTTP route answers errors as JSON, and only they");
        }
    }

    @ParameterizedTest(name = "/api/analytics/{0} answers {1}")
    @CsvSource(delimiter = '|', value = {
            "summary|filters current previous change",
            "revenue|filters grain points",
            "categories|filters categories",
            "top-products|filters products",
            "top-customers|filters customers",
            "regions|filters states stores",
            "heatmap|filters cells",
            "channels|filters channels",
    })
    void eachAnalyticsRouteAnswersItsEndpointWithTheFiltersItWasGiven(String endpoint, String parts) throws Exception {
        JsonNode body = json("/api/analytics/" + endpoint + "?" + TWO_DAYS + "&channel=web");
        assertEquals(List.of(parts.split(" ")), fieldNames(body));
        assertEquals(filters("2025-01-01", "2025-01-03", null, null, "web"), body.get("filters"));
    }

    @Test
    void theSummaryRouteAnswersTheHeadlineFiguresAndTheirChangeAgainstThePreviousPeriod() throws Exception {
        JsonNode body = json("/api/analytics/summary?from=2025-01-02&to=2025-01-03");
        assertEquals(List.of("revenue", "orders", "average_order_value", "units", "customers"), fieldNames(body.get("current")));
        assertTrue(body.get("current").get("orders").asLong() > 50, "the day holds orders: " + body);
        JsonNode dayBefore = json("/api/analytics/summary?from=2025-01-01&to=2025-01-02").get("current");
        ObjectNode previous = JSON.createObjectNode().put("from", "2025-01-01").put("to", "2025-01-02");
        previous.setAll((ObjectNode) dayBefore);
        assertEquals(previous, body.get("previous"), "the day before, as the summary of that day has it");
        assertEquals(fieldNames(body.get("current")), fieldNames(body.get("change")));
        assertTrue(body.get("change").get("revenue").isNumber(), body.toString());
    }

    @Test
    void theRevenueRouteAnswersOnePointPerPeriodOfTheGrainAsked() throws Exception {
        JsonNode days = json("/api/analytics/revenue?" + TWO_DAYS + "&grain=day");
        assertEquals("day", days.get("grain").asText());
        assertEquals(List.of("2025-01-01", "2025-01-02"), periods(days));
        JsonNode weeks = json("/api/analytics/revenue?" + TWO_DAYS + "&grain=week");
        assertEquals("week", weeks.get("grain").asText());
        assertEquals(List.of("2024-12-30"), periods(weeks), "both days lie in the ISO week starting Monday 2024-12-30");
    }

    private static List<String> periods(JsonNode revenue) {
        List<String> periods = new ArrayList<>();
        revenue.get("points").forEach(p -> periods.add(p.get("period").asText()));
        return periods;
    }

    @ParameterizedTest(name = "{0} answers as many {1} as the limit")
    @CsvSource(delimiter = '|', value = {"top-products|products", "top-customers|customers"})
    void theTopRoutesAnswerAsManyAsTheLimitWithTheMostRevenueFirst(String endpoint, String list) throws Exception {
        JsonNode three = json("/api/analytics/" + endpoint + "?" + TWO_DAYS + "&limit=3").get(list);
        JsonNode byDefault = json("/api/analytics/" + endpoint + "?" + TWO_DAYS).get(list);
        assertEquals(3, three.size());
        assertEquals(10, byDefault.size(), "10 without a limit");
        for (int i = 0; i < 3; i++) {
            assertEquals(byDefault.get(i), three.get(i), "the first three of the longer list");
        }
        for (int i = 1; i < byDefault.size(); i++) {
            assertTrue(money(byDefault.get(i - 1).get("revenue")).compareTo(money(byDefault.get(i).get("revenue"))) >= 0,
                    "the most revenue first: " + byDefault);
        }
    }

    @Test
    void theHeatmapRouteAnswersEveryWeekdayAndHourInOrder() throws Exception {
        JsonNode cells = json("/api/analytics/heatmap?" + TWO_DAYS).get("cells");
        assertEquals(7 * 24, cells.size());
        for (int i = 0; i < cells.size(); i++) {
            assertEquals(i / 24 + 1, cells.get(i).get("weekday").asInt());
            assertEquals(i % 24, cells.get(i).get("hour").asInt());
        }
    }

    @Test
    void theChannelsRouteAnswersEveryChannelAndTheChannelFilterKeepsOne() throws Exception {
        JsonNode all = json("/api/analytics/channels?" + TWO_DAYS).get("channels");
        assertEquals(3, all.size(), "store, web and mobile all sold: " + all);
        JsonNode web = json("/api/analytics/channels?" + TWO_DAYS + "&channel=web").get("channels");
        assertEquals(1, web.size());
        JsonNode webOfAll = null;
        for (JsonNode channel : all) {
            webOfAll = channel.get("channel").asText().equals("web") ? channel : webOfAll;
        }
        assertEquals(webOfAll, web.get(0), "the web line of the unfiltered answer");
    }

    @Test
    void theCategoryAndStoreFiltersNarrowTheSummaryToTheirLines() throws Exception {
        String category = json("/api/analytics/categories?" + TWO_DAYS).get("categories").get(0).get("category").asText();
        int store = json("/api/analytics/regions?" + TWO_DAYS + "&channel=store").get("stores").get(0).get("store_id").asInt();
        JsonNode all = json("/api/analytics/summary?" + TWO_DAYS).get("current");
        JsonNode body = json("/api/analytics/summary?" + TWO_DAYS + "&category="
                + URLEncoder.encode(category, StandardCharsets.UTF_8) + "&store=" + store);
        assertEquals(filters("2025-01-01", "2025-01-03", category, store, null), body.get("filters"));
        assertTrue(body.get("current").get("orders").asLong() > 0, body.toString());
        assertTrue(body.get("current").get("orders").asLong() < all.get("orders").asLong());
        BigDecimal revenue = money(body.get("current").get("revenue"));
        assertTrue(revenue.compareTo(money(all.get("revenue"))) < 0, revenue + " of " + all);
    }

    @Test
    void theViewRouteAnswersWhatEachAnalyticsRouteAnswersForTheSameFiltersSideBySide() throws Exception {
        String filters = TWO_DAYS + "&channel=store";
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
        List<String> expectedNames = new ArrayList<>(List.of("filters"));
        expectedNames.addAll(parts.keySet());
        assertEquals(expectedNames, fieldNames(view));
        assertEquals(filters("2025-01-01", "2025-01-03", null, null, "store"), view.get("filters"));
        for (Map.Entry<String, String> part : parts.entrySet()) {
            ObjectNode alone = (ObjectNode) json("/api/analytics/" + part.getValue());
            alone.remove("filters");
            assertEquals(alone, view.get(part.getKey()), part.getKey());
        }
        assertEquals(10, view.get("top_products").get("products").size(), "the top lists at their default limit");
    }

    @Test
    void theOptionsRouteListsTheCategoriesStoresChannelsAndDaysWithSales() throws Exception {
        JsonNode options = json("/api/analytics/options");
        assertEquals(List.of("categories", "stores", "channels", "first_day", "last_day", "default_days"), fieldNames(options));
        List<String> categories = new ArrayList<>();
        options.get("categories").forEach(c -> categories.add(c.asText()));
        assertEquals(categories.stream().sorted().toList(), categories, "in order");
        json("/api/analytics/categories?" + TWO_DAYS).get("categories")
                .forEach(sold -> assertTrue(categories.contains(sold.get("category").asText()), sold + " in " + categories));
        List<Long> stores = new ArrayList<>();
        for (JsonNode store : options.get("stores")) {
            assertEquals(List.of("store_id", "store_name", "channel"), fieldNames(store));
            stores.add(store.get("store_id").asLong());
        }
        json("/api/analytics/regions?" + TWO_DAYS).get("stores")
                .forEach(sold -> assertTrue(stores.contains(sold.get("store_id").asLong()), sold + " in " + stores));
        assertEquals(JSON.createArrayNode().add("store").add("web").add("mobile"), options.get("channels"));
        assertEquals("2025-01-01", options.get("first_day").asText());
        assertEquals("2025-01-02", options.get("last_day").asText());
        assertEquals(14, options.get("default_days").asInt(), "dashboard.default-days");
    }

    @Test
    void theConfigRouteAnswersTheExternalDashboardLinkAndWhetherStartingARunNeedsTheToken() throws Exception {
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
        HttpResponse<String> reply = app.get(request);
        assertEquals(400, reply.statusCode(), reply.body());
        assertEquals("application/json", reply.headers().firstValue("Content-Type").orElse(null));
        ObjectNode expected = JSON.createObjectNode();
        expected.put("error", "bad_parameter");
        expected.put("detail", detail);
        expected.put("parameter", parameter);
        assertEquals(expected, JSON.readTree(reply.body()));
    }

    @Test
    void anAnalyticsRouteWhoseWarehouseIsDownGets503WithAJsonBodyAndNoDetailOfTheFailure(@TempDir Path own) throws Exception {
        try (RunningApplication away = RouteTestSupport.startWithWarehouseAway(own)) {
            HttpResponse<String> reply = away.get("/api/analytics/summary?" + TWO_DAYS);
            assertEquals(503, reply.statusCode());
            assertEquals("application/json", reply.headers().firstValue("Content-Type").orElse(null));
            assertEquals("{\"error\":\"warehouse_unavailable\",\"detail\":\"the warehouse did not answer; see /api/health, and "
                    + "try again once it does\"}", reply.body());
        }
    }

    @Test
    void beforeTheFirstRunTheAnalyticsRoutesAnswerEmptyFiguresForTheDaysUpToTheClock(@TempDir Path own) throws Exception {
        try (RunningApplication empty = DashboardTestSupport.start(own, new MovableClock(NOW), Map.of())) {
            assertEquals("{\"filters\":{\"from\":\"2025-01-03\",\"to\":\"2025-01-04\",\"category\":null,\"store\":null,\"channel\":null},"
                    + "\"current\":{\"revenue\":0.00,\"orders\":0,\"average_order_value\":0.00,\"units\":0,\"customers\":0},"
                    + "\"previous\":{\"from\":\"2025-01-02\",\"to\":\"2025-01-03\",\"revenue\":0.00,\"orders\":0,\"average_order_value\":0.00,\"units\":0,\"customers\":0},"
                    + "\"change\":{\"revenue\":null,\"orders\":null,\"average_order_value\":null,\"units\":null,\"customers\":null}}",
                    empty.get("/api/analytics/summary").body());
            assertEquals("{\"categories\":[],\"stores\":[],\"channels\":[\"store\",\"web\",\"mobile\"],\"first_day\":null,"
                    + "\"last_day\":null,\"default_days\":14}", empty.get("/api/analytics/options").body());
            assertEquals("{\"filters\":{\"from\":\"2025-01-01\",\"to\":\"2025-01-03\",\"category\":null,\"store\":null,\"channel\":null},"
                    + "\"categories\":[]}", empty.get("/api/analytics/categories?" + TWO_DAYS).body());
        }
    }

    @Test
    void theWarmUpRouteKeepsTheAnswersOfThePagesDefaultViewSoThePageIsAnsweredFromThem() throws Exception {
        try (RunningApplication warmed = startOnACopy("warm-up", Map.of());
             ProducerTemplate template = warmed.context().createProducerTemplate()) {
            AnalyticsQueries queries = queries(warmed);
            assertEquals(0, queries.keptAnswers());
            template.sendBody("direct:warm-dashboard", null);
            assertEquals(2, queries.keptAnswers(), "the options and the view the page asks for when opened");

            JsonNode view = json(warmed, "/api/analytics/view?grain=day");
            json(warmed, "/api/analytics/options");
            assertEquals(2, queries.keptAnswers(), "both answered from what the warm-up kept");
            assertEquals(filters("2025-01-01", "2025-01-03", null, null, null), view.get("filters"));

            json(warmed, "/api/analytics/summary?from=2025-01-02&to=2025-01-03");
            assertEquals(3, queries.keptAnswers(), "another request is computed and kept beside them");
        }
    }

    @Test
    void theStartUpTimerWarmsTheDefaultViewOnceAfterTheConfiguredDelay() throws Exception {
        try (RunningApplication started = startOnACopy("timer", Map.of("dashboard.warm-delay-ms", "50"))) {
            TimerEndpoint timer = (TimerEndpoint) started.context().getRoute("warm-dashboard-at-start").getEndpoint();
            assertEquals(50, timer.getDelay());
            assertEquals(1, timer.getRepeatCount());
            AnalyticsQueries queries = queries(started);
            Instant deadline = Instant.now().plusSeconds(20);
            while (queries.keptAnswers() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertEquals(2, queries.keptAnswers(), "the options and the view, computed without a request");
            json(started, "/api/analytics/view?grain=day");
            json(started, "/api/analytics/options");
            assertEquals(2, queries.keptAnswers(), "the page's requests are answered from them");
        }
    }
}
