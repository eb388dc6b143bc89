package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.generator.Batch;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
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
        Map<String, String> props = new HashMap<>(warehouse());
        props.put("generator.start", START);
        props.put("generator.seed", String.valueOf(SEED));
        props.putAll(extra);
        return RunningApplication.start(dir, props, clock);
    }

    static Warehouse warehouse(RunningApplication app) {
        return app.context().getRegistry().lookupByNameAndType("warehouse", Warehouse.class);
    }

    static JsonNode awaitRun(RunningApplication app, HttpResponse<String> accepted) throws Exception {
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = JSON.readTree(accepted.body()).get("run_id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = JSON.readTree(app.get("/api/runs/" + id).body());
            if (!run.get("status").asText().equals("running")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish in 180 s");
    }

}
