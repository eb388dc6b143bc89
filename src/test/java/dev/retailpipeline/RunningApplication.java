package dev.retailpipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;
import org.apache.camel.util.function.ThrowingConsumer;

/**
 * The real application, started in this JVM on a free port with its routes folder in a temporary
 * directory; tests call it over HTTP. Property overrides stand in for the environment.
 */
public final class RunningApplication implements AutoCloseable {

    private final Main main;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningApplication(Main main, String baseUrl) {
        this.main = main;
        this.baseUrl = baseUrl;
    }

    public static RunningApplication start(Path routesDir, Map<String, String> overrides) throws Exception {
        return start(routesDir, overrides, null);
    }

    /** Starts with the given clock in place of the system clock (null: the system clock). */
    public static RunningApplication start(Path routesDir, Map<String, String> overrides, java.time.Clock clock)
            throws Exception {
        return start(routesDir, overrides, clock, null);
    }

    /**
     * Starts as above; beforeStart (null: nothing) gets the context once its beans are bound and its routes defined,
     * before any route starts: advice on a route, an event notifier, or a bean put in a state, in place before a timer
     * can fire.
     */
    public static RunningApplication start(Path routesDir, Map<String, String> overrides, java.time.Clock clock,
                                           ThrowingConsumer<CamelContext, Exception> beforeStart) throws Exception {
        Main main = new Main(Application.class);
        if (clock != null) {
            main.bind("clock", clock);
        }
        RoutesFolder.prepare(main, routesDir.toString());
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("routes.reload-enabled", "false");
        main.addOverrideProperty("camel.main.shutdown-timeout", "5");
        main.addOverrideProperty("ingest.timer.enabled", "false");
        main.addOverrideProperty("warehouse.url", "jdbc:duckdb:" + routesDir.resolve("warehouse.duckdb"));
        overrides.forEach(main::addOverrideProperty);
        if (beforeStart != null) {
            main.init();
            try {
                beforeStart.accept(main.getCamelContext());
            } catch (Exception | Error e) {
                main.stop();
                throw e;
            }
        }
        main.start();
        CamelContext context = main.getCamelContext();
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server == null) {
            main.stop();
            throw new IllegalStateException("the embedded HTTP server did not start");
        }
        return new RunningApplication(main, "http://127.0.0.1:" + server.getPort());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The application's warehouse bean, to check what a run left in it. */
    public dev.retailpipeline.warehouse.Warehouse warehouse() {
        return context().getRegistry().lookupByNameAndType("warehouse", dev.retailpipeline.warehouse.Warehouse.class);
    }

    public String url(String pathAndQuery) {
        return baseUrl + pathAndQuery;
    }

    public HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET().timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET().timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", "application/json")
                        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                        .timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the run a POST /api/runs answered with has ended; returns GET /api/runs/{id}. */
    public com.fasterxml.jackson.databind.JsonNode awaitRun(HttpResponse<String> accepted) throws Exception {
        if (accepted.statusCode() != 202) {
            throw new AssertionError("expected 202 for the run, got " + accepted.statusCode() + ": " + accepted.body());
        }
        return awaitRun(new com.fasterxml.jackson.databind.ObjectMapper().readTree(accepted.body()).get("run_id").asText());
    }

    /** Waits until the run with this id has ended; returns GET /api/runs/{id}. */
    public com.fasterxml.jackson.databind.JsonNode awaitRun(String id) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(180));
        while (java.time.Instant.now().isBefore(deadline)) {
            var run = json.readTree(get("/api/runs/" + id).body());
            if (!run.get("status").asText().equals("running")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish in 180 s");
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
