package dev.retailpipeline.ingest;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.io.TempDir;

/** Starting the application on a fresh warehouse and waiting for runs, for the ingestion tests. */
abstract class IngestionTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long SEED = 11;
    static final String START = "2025-01-01T00";

    @TempDir
    Path dir;

    /** warehouse.url / user / password of a fresh, empty warehouse. */
    abstract Map<String, String> warehouse() throws Exception;

    RunningApplication start(MovableClock clock, Map<String, String> extra) throws Exception {
        return start(clock, warehouse(), extra);
    }

    /** Starts on the given warehouse (to start again on the same one). */
    RunningApplication start(MovableClock clock, Map<String, String> warehouse, Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(warehouse);
        props.put("generator.start", START);
        props.put("generator.seed", String.valueOf(SEED));
        props.putAll(extra);
        return RunningApplication.start(dir, props, clock);
    }

    static Warehouse warehouse(RunningApplication app) {
        return app.warehouse();
    }

    static JsonNode awaitRun(RunningApplication app, HttpResponse<String> accepted) throws Exception {
        return app.awaitRun(accepted);
    }
}
