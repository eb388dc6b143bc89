package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailpipeline.run.Run;
import dev.retailpipeline.run.RunCoordinator;
import dev.retailpipeline.run.RunLedger;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.ErrorResponses;
import dev.retailpipeline.web.Health;
import dev.retailpipeline.web.Metrics;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.retailpipeline.time.HourRange;

/**
 * The routes of routes/home.camel.yaml on their own: the file (and http-errors.camel.yaml, whose routeConfiguration
 * they use) loaded into a bare CamelContext with the beans they call bound as AppConfiguration binds them. The
 * warehouse is a DuckDB file holding the raw hours 2025-01-01T00 to 02 (seed 11), a succeeded run and an active one
 * in the ledger; the clock stands at 2025-01-01T04:30Z. Each platform-http input is replaced by a direct: endpoint;
 * a request goes to the route whose path (or, with matchOnUriPrefix, path prefix) it names. A route that sets no
 * status leaves platform-http's 200.
 */
class HomeRouteTest extends CamelTestSupport {

    private static final long SEED = 11;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T04:30:00Z"), ZoneOffset.UTC);
    private static final long ROWS_LOADED = 1234;

    private static Path dir;
    private static Warehouse warehouse;
    private static String echartsVersion;

    private final RunCoordinator coordinator = new RunCoordinator();
    private RouteTestSupport.LoadedRoutes routes;

    @BeforeAll
    static void loadThreeHoursAndTwoRuns() throws Exception {
        dir = Files.createTempDirectory("home-routes");
        warehouse = RouteTestSupport.loadedWarehouse(dir, SEED, "2025-01-01T00", "2025-01-01T03");
        long from = HourRange.parseHour("2025-01-01T00");
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute("delete from pipeline_runs");
            s.execute("delete from pipeline_run_steps");
        }
        RunLedger ledger = new RunLedger(warehouse);
        Instant started = Instant.parse("2025-01-01T03:05:00Z");
        ledger.started("backfill-1", "manual", from, from + 3, 3, started);
        ledger.finished("backfill-1", RunLedger.SUCCEEDED, 3, ROWS_LOADED, started, Instant.parse("2025-01-01T03:07:00Z"),
                List.of(), null, null, null);
        ledger.started("hourly-2", "hourly", from + 3, from + 4, 1, Instant.parse("2025-01-01T04:05:00Z"));
        try (InputStream in = HomeRouteTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            Properties pom = new Properties();
            pom.load(in);
            echartsVersion = pom.getProperty("version");
        }
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
    protected void bindToRegistry(Registry registry) {
        coordinator.tryBegin(new Run("hourly-2", "hourly", List.of(), Instant.parse("2025-01-01T04:05:00Z")));
        registry.bind("staticFiles", new StaticFiles());
        registry.bind("health", new Health(warehouse, coordinator));
        registry.bind("metrics", new Metrics(warehouse, coordinator, CLOCK));
        registry.bind("errorResponses", new ErrorResponses());
    }

    private void startRoutes() throws Exception {
        routes = new RouteTestSupport.LoadedRoutes(context, "http-errors", "home");
        context.start();
    }

    private Exchange get(String pathAndQuery) {
        Exchange reply = routes.get(template, pathAndQuery);
        assertNull(reply.getException(), pathAndQuery);
        return reply;
    }

    private static String header(Exchange reply, String name) {
        return reply.getMessage().getHeader(name, String.class);
    }

    private static ObjectNode error(String error, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("detail", detail);
        return body;
    }

    /** The value of the sample named exactly {@code sample} (name and labels) in Prometheus' text format. */
    private static double sample(String exposition, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        assertTrue(m.find(), "no sample " + sample + " in:\n" + exposition);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void everyRouteOfTheFileIsLoadedWithItsIdADescriptionAndAGetOnlyPath() throws Exception {
        startRoutes();
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, String> configurations = new LinkedHashMap<>();
        routes.declared().values().forEach(r -> {
            inputs.put(r.id(), r.input());
            configurations.put(r.id(), String.valueOf(r.routeConfigurationId()));
        });
        assertEquals(Map.of(
                "home-page", "platform-http:/?httpMethodRestrict=GET",
                "dashboard-files", "platform-http:/dashboard?httpMethodRestrict=GET&matchOnUriPrefix=true",
                "webjar-files", "platform-http:/webjars?httpMethodRestrict=GET&matchOnUriPrefix=true",
                "api-health", "platform-http:/api/health?httpMethodRestrict=GET",
                "api-metrics", "platform-http:/api/metrics?httpMethodRestrict=GET",
                "api-openapi", "platform-http:/api/openapi.yaml?httpMethodRestrict=GET"), inputs);
        assertEquals(List.of("home-page", "dashboard-files", "webjar-files", "api-health", "api-metrics", "api-openapi"),
                List.copyOf(inputs.keySet()), "in the file's order");
        assertEquals(Map.of("home-page", "null", "dashboard-files", "http-errors", "webjar-files", "http-errors",
                "api-health", "http-errors", "api-metrics", "http-errors", "api-openapi", "http-errors"), configurations);
        for (RouteTestSupport.DeclaredRoute route : routes.declared().values()) {
            assertFalse(route.description() == null || route.description().isBlank(), route.id() + " has a description");
            assertEquals(route.description(), context.getRoute(route.id()).getDescription(), route.id());
        }
        assertEquals(6, context.getRoutes().size());
    }

    @Test
    void theHomePageIsTheDashboardsHtmlFromTheJarAsUtf8() throws Exception {
        startRoutes();
        Exchange reply = get("/");
        assertEquals("text/html; charset=utf-8", header(reply, Exchange.CONTENT_TYPE));
        assertNull(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE), "no status set: platform-http answers 200");
        String page = reply.getMessage().getBody(String.class);
        assertEquals(new String(RouteTestSupport.resource("dashboard/index.html"), StandardCharsets.UTF_8), page);
        assertTrue(page.contains("<script id=\"echarts-library\" src=\"/webjars/echarts/dist/echarts.common.min.js\""));
    }

    @Test
    void theHomePageIgnoresAQueryString() throws Exception {
        startRoutes();
        Exchange reply = get("/?from=2025-01-01");
        assertEquals("text/html; charset=utf-8", header(reply, Exchange.CONTENT_TYPE));
        assertEquals(new String(RouteTestSupport.resource("dashboard/index.html"), StandardCharsets.UTF_8),
                reply.getMessage().getBody(String.class), "the page reads its filters from the address itself");
    }

    @ParameterizedTest(name = "{0} is served as {1}")
    @CsvSource(delimiter = '|', value = {
            "dashboard.js|text/javascript; charset=utf-8",
            "dashboard.css|text/css; charset=utf-8",
    })
    void thePagesScriptsAndStylesAreServedFromTheJarWithTheirContentType(String file, String type) throws Exception {
        startRoutes();
        Exchange reply = get("/dashboard/" + file);
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(type, header(reply, Exchange.CONTENT_TYPE));
        // what the route asks for; over HTTP, platform-http's header filter drops Cache-Control from the response
        assertEquals("no-cache", header(reply, "Cache-Control"));
        assertEquals("nosniff", header(reply, "X-Content-Type-Options"));
        assertArrayEquals(RouteTestSupport.resource("dashboard/" + file), reply.getMessage().getBody(byte[].class));
    }

    @Test
    void theChartingLibraryIsServedFromItsWebJarWithoutThePageNamingItsVersion() throws Exception {
        startRoutes();
        Exchange reply = get("/webjars/echarts/dist/echarts.common.min.js");
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("text/javascript; charset=utf-8", header(reply, Exchange.CONTENT_TYPE));
        assertEquals("public, max-age=86400", header(reply, "Cache-Control")); // dropped over HTTP, as above
        assertEquals("nosniff", header(reply, "X-Content-Type-Options"));
        byte[] expected = RouteTestSupport.resource("META-INF/resources/webjars/echarts/" + echartsVersion + "/dist/echarts.common.min.js");
        assertTrue(expected.length > 500_000);
        assertArrayEquals(expected, reply.getMessage().getBody(byte[].class));
    }

    @ParameterizedTest(name = "{0} -> 404")
    @CsvSource(delimiter = '|', value = {
            "/dashboard/missing.js|no file dashboard/missing.js",
            "/dashboard|no dashboard file /dashboard",
            "/dashboard/index.html|no dashboard file /dashboard/index.html",
            "/dashboard/sql/summary.sql|no dashboard file /dashboard/sql/summary.sql",
            "/dashboard/..%2Fapplication.properties|no dashboard file /dashboard/..%2Fapplication.properties",
            "/webjars/echarts/dist/missing.js|no file META-INF/resources/webjars/echarts/{version}/dist/missing.js",
            "/webjars/echarts/dist/echarts.common.min.js.txt|no file META-INF/resources/webjars/echarts/{version}/dist/echarts.common.min.js.txt",
            "/webjars/nosuchlib/x.js|no webjar nosuchlib",
            "/webjars/echarts/..%2F..%2F..%2Fpom.properties|no webjar file /webjars/echarts/..%2F..%2F..%2Fpom.properties",
    })
    void aFileThatIsMissingOrNotServedGets404WithAJsonBody(String request, String detail) throws Exception {
        startRoutes();
        Exchange reply = get(request);
        assertEquals(404, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", header(reply, Exchange.CONTENT_TYPE));
        assertEquals(error("not_found", detail.replace("{version}", echartsVersion)),
                JSON.readTree(reply.getMessage().getBody(String.class)));
    }

    @Test
    void theHealthRouteAnswersUpWithTheDialectAndTheActiveRun() throws Exception {
        startRoutes();
        Exchange reply = get("/api/health");
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", header(reply, Exchange.CONTENT_TYPE));
        assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\",\"active_run_id\":\"hourly-2\"}",
                reply.getMessage().getBody(String.class));
    }

    @Test
    void theHealthRouteAnswers503WithTheKindOfFailureButNoConnectionStringWhenTheWarehouseDoesNotAnswer() throws Exception {
        context.getRegistry().bind("health", new Health(Warehouse.of("jdbc:postgresql://127.0.0.1:1/nowhere"), new RunCoordinator()));
        startRoutes();
        Exchange reply = get("/api/health");
        assertEquals(503, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", header(reply, Exchange.CONTENT_TYPE));
        JsonNode body = JSON.readTree(reply.getMessage().getBody(String.class));
        assertEquals(List.of("status", "detail", "warehouse"), List.copyOf(fieldNames(body)));
        assertEquals("DOWN", body.get("status").asText());
        assertEquals("postgres", body.get("warehouse").asText(), "the dialect's name");
        assertEquals("the warehouse does not answer (SQLState 08001); the service's log has the cause",
                body.get("detail").asText());
        assertFalse(body.toString().contains("127.0.0.1") || body.toString().contains("nowhere"),
                "no connection string: " + body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/health?verbose=true|verbose",
            "/api/metrics?format=json|format",
    })
    void theHealthAndMetricsRoutesRejectAQueryParameterWith400AndAJsonBody(String request, String parameter) throws Exception {
        startRoutes();
        Exchange reply = get(request);
        assertEquals(400, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", header(reply, Exchange.CONTENT_TYPE));
        ObjectNode expected = error("bad_parameter", "unknown parameter '" + parameter + "'; allowed: ");
        expected.put("parameter", parameter);
        assertEquals(expected, JSON.readTree(reply.getMessage().getBody(String.class)));
    }

    @Test
    void theMetricsRouteAnswersThePipelinesFiguresInPrometheusTextFormat() throws Exception {
        startRoutes();
        Exchange reply = get("/api/metrics");
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("text/plain; version=0.0.4; charset=utf-8", header(reply, Exchange.CONTENT_TYPE));
        String text = reply.getMessage().getBody(String.class);
        assertEquals(1.0, sample(text, "retail_pipeline_runs{status=\"succeeded\"}"));
        assertEquals(0.0, sample(text, "retail_pipeline_runs{status=\"failed\"}"));
        assertEquals(1.0, sample(text, "retail_pipeline_runs{status=\"running\"}"));
        assertEquals((double) ROWS_LOADED, sample(text, "retail_pipeline_rows_loaded"));
        assertEquals(Instant.parse("2025-01-01T03:07:00Z").getEpochSecond(), sample(text, "retail_pipeline_last_success_timestamp_seconds"));
        assertEquals(Instant.parse("2025-01-01T03:00:00Z").getEpochSecond(), sample(text, "retail_pipeline_loaded_through_timestamp_seconds"),
                "the hours 00, 01 and 02 are loaded");
        assertEquals(1.5, sample(text, "retail_pipeline_hours_behind"), "04:30 is an hour and a half after 03:00");
        assertEquals(0.0, sample(text, "retail_pipeline_quarantined_rows"));
        assertEquals(1.0, sample(text, "retail_pipeline_run_active"));
        assertTrue(text.contains("# TYPE retail_pipeline_hours_behind gauge\n"), text);
        assertTrue(Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"", Pattern.MULTILINE).matcher(text).find(),
                "the JVM's figures beside them");
    }

    @Test
    void theOpenApiDescriptionIsServedFromTheJarAsYaml() throws Exception {
        startRoutes();
        Exchange reply = get("/api/openapi.yaml");
        assertEquals("application/yaml; charset=utf-8", header(reply, Exchange.CONTENT_TYPE));
        assertNull(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE), "no status set: platform-http answers 200");
        String yaml = reply.getMessage().getBody(String.class);
        assertEquals(new String(RouteTestSupport.resource("api/openapi.yaml"), StandardCharsets.UTF_8), yaml);
        assertTrue(yaml.startsWith("openapi: 3.0.3\n"));
    }
}
