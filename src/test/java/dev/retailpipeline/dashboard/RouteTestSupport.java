package dev.retailpipeline.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * For the route tests of one YAML file in the running application: the routes it loaded from that file, a DuckDB
 * warehouse with generated hours loaded by the product, the application on a warehouse that does not answer, and
 * classpath resources to compare what is served with.
 */
final class RouteTestSupport {

    /** A PostgreSQL URL nothing answers at (port 1): connections are refused at once. */
    private static final String WAREHOUSE_AWAY = "jdbc:postgresql://127.0.0.1:1/nowhere";

    private RouteTestSupport() {
    }

    /**
     * The routes the running application loaded from its built-in file routes/{@code file}.camel.yaml, in the
     * file's order, as the context holds their definitions.
     */
    static List<RouteDefinition> routesOfFile(RunningApplication app, String file) {
        String location = "classpath:routes/" + file + ".camel.yaml";
        return ((ModelCamelContext) app.context()).getRouteDefinitions().stream()
                .filter(route -> route.getResource() != null && location.equals(route.getResource().getLocation()))
                .toList();
    }

    /**
     * Loads the hours [from, to) (seed, scale 1, clean) the product's own way: the application started on a new
     * DuckDB file, a backfill posted to it and awaited (raw tables, marts and ledger), the application stopped.
     * Returns the file, closed: an application may be started on it, or on a copy of it.
     */
    static Path loadedWarehouse(Path dir, long seed, String from, String to) throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (RunningApplication app = RunningApplication.start(dir.resolve("app"), Map.of(
                "warehouse.url", "jdbc:duckdb:" + file,
                "generator.start", DashboardTestSupport.START,
                "generator.seed", String.valueOf(seed)))) {
            var run = app.awaitRun(app.post("/api/runs", "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}"));
            if (!run.get("status").asText().equals("succeeded")) {
                throw new IllegalStateException("the fixture's backfill failed: " + run);
            }
        }
        return file;
    }

    /** The application started on a PostgreSQL warehouse that does not answer (it starts; its health says 503). */
    static RunningApplication startWithWarehouseAway(Path dir) throws Exception {
        return RunningApplication.start(dir, Map.of("warehouse.url", WAREHOUSE_AWAY));
    }

    /** The field names of a JSON object, in the order the answer gives them. */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
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
}
