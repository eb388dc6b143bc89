package dev.retailpipeline.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import dev.retailpipeline.time.HourRange;

/**
 * For the route unit tests of one YAML file: a DuckDB warehouse with generated hours loaded (and the ETL's marts
 * built over them, without Camel), the file's routes loaded into a bare CamelContext with each platform-http input
 * replaced by {@code direct:<route id>}, and a GET sent to the route whose platform-http path matches, with the
 * headers platform-http (Vert.x) sets: CamelHttpMethod, CamelHttpUri (path and query), CamelHttpPath, CamelHttpQuery.
 */
final class RouteTestSupport {

    static final long SHOP_START = HourRange.parseHour("2025-01-01T00");

    private RouteTestSupport() {
    }

    /** A DuckDB file with the raw tables, the ledger and quarantine (the schema stages), nothing loaded. */
    static Warehouse emptyWarehouse(Path file) throws SQLException {
        Warehouse warehouse = Warehouse.of("jdbc:duckdb:" + file);
        try (Connection c = warehouse.connect()) {
            SqlFolder folder = SqlFolder.of(warehouse.dialect());
            folder.runSchema(c);
            folder.runLedger(c);
        }
        return warehouse;
    }

    /**
     * Loads the hours [from, to) (seed, scale 1, clean) the product's own way: the application started on the
     * warehouse file, a backfill posted to it and awaited (raw tables, marts and ledger), the application stopped.
     */
    static Warehouse loadedWarehouse(Path dir, long seed, String from, String to) throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (RunningApplication app = RunningApplication.start(dir.resolve("app"), Map.of(
                "warehouse.url", "jdbc:duckdb:" + file,
                "generator.start", HourRange.formatHour(SHOP_START),
                "generator.seed", String.valueOf(seed)))) {
            var run = app.awaitRun(app.post("/api/runs", "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}"));
            if (!run.get("status").asText().equals("succeeded")) {
                throw new IllegalStateException("the fixture's backfill failed: " + run);
            }
        }
        return Warehouse.of("jdbc:duckdb:" + file);
    }

    /** The bytes of a classpath resource. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = RouteTestSupport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /** A route as its YAML file declares it, read before any advice. */
    record DeclaredRoute(String id, String input, String description, String routeConfigurationId) {
    }

    /**
     * The routes of a YAML file loaded into a context that is not started yet, each platform-http input replaced
     * by {@code direct:<route id>}; their platform-http paths kept to send a GET to the right route.
     */
    static final class LoadedRoutes {

        private final Map<String, DeclaredRoute> declared = new LinkedHashMap<>();
        private final ModelCamelContext context;

        LoadedRoutes(ModelCamelContext context, String... files) throws Exception {
            this.context = context;
            for (String file : files) {
                PluginHelper.getRoutesLoader(context).loadRoutes(
                        ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file + ".camel.yaml"));
            }
            for (RouteDefinition route : context.getRouteDefinitions()) {
                declared.put(route.getRouteId(), new DeclaredRoute(route.getRouteId(), route.getInput().getEndpointUri(),
                        route.getDescription(), route.getRouteConfigurationId()));
            }
            for (DeclaredRoute route : declared.values()) {
                if (route.input().startsWith("platform-http:")) {
                    AdviceWith.adviceWith(context, route.id(), r -> r.replaceFromWith("direct:" + route.id()));
                }
            }
        }

        /** The routes in the order the file declares them. */
        Map<String, DeclaredRoute> declared() {
            return declared;
        }

        /**
         * The route a GET of {@code path} reaches: the one whose platform-http path equals it, or, for a route with
         * matchOnUriPrefix=true, is a prefix of it; the longest such path wins, as in platform-http's router.
         */
        String routeFor(String path) {
            String best = null;
            int bestLength = -1;
            for (DeclaredRoute route : declared.values()) {
                if (!route.input().startsWith("platform-http:")) {
                    continue;
                }
                String uri = route.input().substring("platform-http:".length());
                int q = uri.indexOf('?');
                String routePath = q < 0 ? uri : uri.substring(0, q);
                boolean prefix = uri.contains("matchOnUriPrefix=true");
                boolean matches = path.equals(routePath) || (prefix && path.startsWith(routePath + "/"));
                if (matches && routePath.length() > bestLength) {
                    best = route.id();
                    bestLength = routePath.length();
                }
            }
            if (best == null) {
                throw new AssertionError("no route of the file answers GET " + path);
            }
            return best;
        }

        /** A GET of {@code pathAndQuery} (query raw, as sent) to the route that answers its path. */
        Exchange get(ProducerTemplate template, String pathAndQuery) {
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String query = q < 0 ? null : pathAndQuery.substring(q + 1);
            return template.send("direct:" + routeFor(path), exchange -> {
                Message m = exchange.getMessage();
                m.setHeader(Exchange.HTTP_METHOD, "GET");
                m.setHeader(Exchange.HTTP_URI, pathAndQuery);
                m.setHeader(Exchange.HTTP_PATH, path);
                m.setHeader(Exchange.HTTP_QUERY, query);
                m.setHeader(Exchange.HTTP_RAW_QUERY, query);
            });
        }
    }
}
