package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static dev.retailpipeline.dashboard.RouteTestSupport.fieldNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routes of routes/home.camel.yaml in the running application, over HTTP. The application runs on a DuckDB
 * warehouse into which a backfill posted at 2025-01-01T03:07Z loaded the hours 2025-01-01T00 to 02 (seed 11); the
 * clock then moves to 04:30. The cases that need a run in progress or a warehouse that does not answer start an
 * application of their own.
 */
class HomeRouteTest {

    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2025-01-01T03:07:00Z"));

    @TempDir
    static Path dir;
    private static RunningApplication app;
    /** GET /api/runs/{id} of the fixture's backfill, once it succeeded. */
    private static JsonNode backfill;
    private static String echartsVersion;

    @BeforeAll
    static void loadThreeHours() throws Exception {
        app = DashboardTestSupport.start(dir.resolve("app"), CLOCK, Map.of());
        backfill = app.awaitRun(app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T03\"}"));
        assertEquals("succeeded", backfill.get("status").asText(), backfill.toString());
        CLOCK.advance(Duration.ofMinutes(83));
        try (InputStream in = HomeRouteTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            Properties pom = new Properties();
            pom.load(in);
            echartsVersion = pom.getProperty("version");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    private static ObjectNode error(String error, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("detail", detail);
        return body;
    }

    private static String scrape(RunningApplication application) throws Exception {
        HttpResponse<String> response = application.get("/api/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", contentType(response));
        return response.body();
    }

    /** The value of the sample named exactly {@code sample} (name and labels) in Prometheus' text format. */
    private static double sample(String exposition, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        assertTrue(m.find(), "no sample " + sample + " in:\n" + exposition);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void everyRouteOfTheFileIsLoadedWithItsIdADescriptionAndAGetOnlyPath() {
        List<RouteDefinition> routes = RouteTestSupport.routesOfFile(app, "home");
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, String> configurations = new LinkedHashMap<>();
        for (RouteDefinition route : routes) {
            inputs.put(route.getRouteId(), route.getInput().getEndpointUri());
            configurations.put(route.getRouteId(), String.valueOf(route.getRouteConfigurationId()));
        }
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
        for (RouteDefinition route : routes) {
            String id = route.getRouteId();
            assertFalse(route.getDescription() == null || route.getDescription().isBlank(), id + " has a description");
            assertEquals(route.getDescription(), app.context().getRoute(id).getDescription(), id);
            assertEquals(ServiceStatus.Started, app.context().getRouteController().getRouteStatus(id), id);
        }
    }

    @Test
    void theHomePageIsTheDashboardsHtmlFromTheJarAsUtf8() throws Exception {
        HttpResponse<String> reply = app.get("/");
        assertEquals(200, reply.statusCode());
        assertEquals("text/html; charset=utf-8", contentType(reply));
        assertEquals(new String(RouteTestSupport.resource("dashboard/index.html"), StandardCharsets.UTF_8), reply.body());
        assertTrue(reply.body().contains("<script id=\"echarts-library\" src=\"/webjars/echarts/dist/echarts.common.min.js\""));
    }

    @Test
    void theHomePageIgnoresAQueryString() throws Exception {
        HttpResponse<String> reply = app.get("/?from=2025-01-01");
        assertEquals(200, reply.statusCode());
        assertEquals("text/html; charset=utf-8", contentType(reply));
        assertEquals(new String(RouteTestSupport.resource("dashboard/index.html"), StandardCharsets.UTF_8), reply.body(),
                "the page reads its filters from the address itself");
    }

    @ParameterizedTest(name = "{0} is served as {1}")
    @CsvSource(delimiter = '|', value = {
            "dashboard.js|text/javascript; charset=utf-8",
            "dashboard.css|text/css; charset=utf-8",
    })
    void thePagesScriptsAndStylesAreServedFromTheJarWithTheirContentType(String file, String type) throws Exception {
        HttpResponse<byte[]> reply = app.getBytes("/dashboard/" + file);
        assertEquals(200, reply.statusCode());
        assertEquals(type, contentType(reply));
        assertEquals("nosniff", reply.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertArrayEquals(RouteTestSupport.resource("dashboard/" + file), reply.body());
    }

    @Test
    void theChartingLibraryIsServedFromItsWebJarWithoutThePageNamingItsVersion() throws Exception {
        HttpResponse<byte[]> reply = app.getBytes("/webjars/echarts/dist/echarts.common.min.js");
        assertEquals(200, reply.statusCode());
        assertEquals("text/javascript; charset=utf-8", contentType(reply));
        assertEquals("nosniff", reply.headers().firstValue("X-Content-Type-Options").orElse(null));
        byte[] expected = RouteTestSupport.resource("META-INF/resources/webjars/echarts/" + echartsVersion + "/dist/echarts.common.min.js");
        assertTrue(expected.length > 500_000);
        assertArrayEquals(expected, reply.body());
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
        HttpResponse<String> reply = app.get(request);
        assertEquals(404, reply.statusCode(), reply.body());
        assertEquals("application/json", contentType(reply));
        assertEquals(error("not_found", detail.replace("{version}", echartsVersion)), JSON.readTree(reply.body()));
    }

    @Test
    void theHealthRouteAnswersUpWithTheDialect() throws Exception {
        HttpResponse<String> reply = app.get("/api/health");
        assertEquals(200, reply.statusCode());
        assertEquals("application/json", contentType(reply));
        assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\"}", reply.body(), "no run is active");
    }

    @Test
    void whileARunIsActiveTheHealthRouteNamesItAndTheMetricsRouteCountsIt(@TempDir Path own) throws Exception {
        try (HeldSource source = new HeldSource();
             RunningApplication held = DashboardTestSupport.start(own, new MovableClock(Instant.parse("2025-01-01T04:30:00Z")),
                     Map.of("ingest.source-url", source.url(), "ingest.retry.max-redeliveries", "0"))) {
            HttpResponse<String> accepted = held.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T03\"}");
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = JSON.readTree(accepted.body()).get("run_id").asText();
            assertTrue(source.awaitRequest(), "the run asks the source for its hours");

            HttpResponse<String> health = held.get("/api/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\",\"active_run_id\":\"" + id + "\"}", health.body());
            String during = scrape(held);
            assertEquals(1.0, sample(during, "retail_pipeline_run_active"));
            assertEquals(1.0, sample(during, "retail_pipeline_runs{status=\"running\"}"));
            assertEquals(0.0, sample(during, "retail_pipeline_runs{status=\"succeeded\"}"));

            source.release();
            assertEquals("failed", held.awaitRun(accepted).get("status").asText(), "the source answered 503");
            assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\"}", held.get("/api/health").body());
            String after = scrape(held);
            assertEquals(0.0, sample(after, "retail_pipeline_run_active"));
            assertEquals(0.0, sample(after, "retail_pipeline_runs{status=\"running\"}"));
            assertEquals(1.0, sample(after, "retail_pipeline_runs{status=\"failed\"}"));
        }
    }

    @Test
    void theHealthRouteAnswers503WithTheKindOfFailureButNoConnectionStringWhenTheWarehouseDoesNotAnswer(@TempDir Path own)
            throws Exception {
        try (RunningApplication away = RouteTestSupport.startWithWarehouseAway(own)) {
            HttpResponse<String> reply = away.get("/api/health");
            assertEquals(503, reply.statusCode());
            assertEquals("application/json", contentType(reply));
            JsonNode body = JSON.readTree(reply.body());
            assertEquals(List.of("status", "detail", "warehouse"), fieldNames(body));
            assertEquals("DOWN", body.get("status").asText());
            assertEquals("postgres", body.get("warehouse").asText(), "the dialect's name");
            assertEquals("the warehouse does not answer (SQLState 08001); the service's log has the cause",
                    body.get("detail").asText());
            assertFalse(reply.body().contains("127.0.0.1") || reply.body().contains("nowhere"),
                    "no connection string: " + reply.body());
        }
    }

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/health?verbose=true|verbose",
            "/api/metrics?format=json|format",
    })
    void theHealthAndMetricsRoutesRejectAQueryParameterWith400AndAJsonBody(String request, String parameter) throws Exception {
        HttpResponse<String> reply = app.get(request);
        assertEquals(400, reply.statusCode());
        assertEquals("application/json", contentType(reply));
        ObjectNode expected = error("bad_parameter", "unknown parameter '" + parameter + "'; allowed: ");
        expected.put("parameter", parameter);
        assertEquals(expected, JSON.readTree(reply.body()));
    }

    @Test
    void theMetricsRouteAnswersThePipelinesFiguresInPrometheusTextFormat() throws Exception {
        String text = scrape(app);
        assertEquals(1.0, sample(text, "retail_pipeline_runs{status=\"succeeded\"}"));
        assertEquals(0.0, sample(text, "retail_pipeline_runs{status=\"failed\"}"));
        assertEquals(0.0, sample(text, "retail_pipeline_runs{status=\"running\"}"));
        assertTrue(backfill.get("rows_loaded").asLong() > 0, backfill.toString());
        assertEquals(backfill.get("rows_loaded").asDouble(), sample(text, "retail_pipeline_rows_loaded"), "the run's rows");
        assertEquals(Instant.parse("2025-01-01T03:07:00Z").getEpochSecond(), sample(text, "retail_pipeline_last_success_timestamp_seconds"));
        assertEquals(Instant.parse("2025-01-01T03:00:00Z").getEpochSecond(), sample(text, "retail_pipeline_loaded_through_timestamp_seconds"),
                "the hours 00, 01 and 02 are loaded");
        assertEquals(1.5, sample(text, "retail_pipeline_hours_behind"), "04:30 is an hour and a half after 03:00");
        assertEquals(0.0, sample(text, "retail_pipeline_quarantined_rows"));
        assertEquals(0.0, sample(text, "retail_pipeline_run_active"));
        assertTrue(text.contains("# TYPE retail_pipeline_hours_behind gauge\n"), text);
        assertTrue(Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"", Pattern.MULTILINE).matcher(text).find(),
                "the JVM's figures beside them");
    }

    @Test
    void theOpenApiDescriptionIsServedFromTheJarAsYaml() throws Exception {
        HttpResponse<String> reply = app.get("/api/openapi.yaml");
        assertEquals(200, reply.statusCode());
        assertEquals("application/yaml; charset=utf-8", contentType(reply));
        assertEquals(new String(RouteTestSupport.resource("api/openapi.yaml"), StandardCharsets.UTF_8), reply.body());
        assertTrue(reply.body().startsWith("openapi: 3.0.3\n"));
    }

    /**
     * A source of batches (ingest.source-url) that holds every request until released, then answers 503: a run
     * fetching from it stays active until then.
     */
    private static final class HeldSource implements AutoCloseable {

        private final HttpServer server;
        private final CountDownLatch asked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldSource() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                asked.countDown();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/transactions";
        }

        boolean awaitRequest() throws InterruptedException {
            return asked.await(30, TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
            server.stop(0);
        }
    }
}
