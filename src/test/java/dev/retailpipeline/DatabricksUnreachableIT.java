package dev.retailpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The Databricks path without a Databricks workspace: the packaged application pointed at a Databricks URL whose host
 * does not answer, with the token in the environment. It starts, health answers 503 without the connection string,
 * a run is refused with a 503 and recorded as failed in the (local) ledger naming the warehouse, and the token
 * appears in no answer and no log line.
 */
class DatabricksUnreachableIT {

    private static final String TOKEN = "dapi0123456789abcdef-test-token";

    @Test
    void anUnreachableDatabricksWarehouseGivesA503AndAFailedRunNamingTheWarehouseAndNeverShowsTheToken() throws Exception {
        Path work = Files.createTempDirectory("databricks-it");
        try (JarProcess app = JarProcess.start(work, Map.of(
                "WAREHOUSE_URL", "jdbc:databricks://127.0.0.1:9/default;transportMode=http;ssl=1;"
                        + "httpPath=/sql/1.0/warehouses/abc123;AuthMech=3",
                "DATABRICKS_TOKEN", TOKEN,
                "WAREHOUSE_STAGE_DIR", "/Volumes/main/retail/stage"), List.of("-Xmx256m"))) {
            var health = app.get("/api/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.get("warehouse").asText()).isEqualTo("spark");
            assertThat(health.body()).doesNotContain("127.0.0.1", "abc123", TOKEN);

            var refused = app.post("/api/runs", "{\"from\": \"2025-01-01T00\", \"to\": \"2025-01-01T02\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(refused.body()).get("error").asText()).isEqualTo("warehouse_unavailable");

            JsonNode runs = app.json("/api/runs");
            JsonNode run = runs.get("runs").get(0);
            assertThat(run.get("status").asText()).isEqualTo("failed");
            JsonNode detail = app.json("/api/runs/" + run.get("run_id").asText());
            assertThat(detail.get("error").get("step").asText()).isEqualTo("plan");
            assertThat(detail.get("error").get("message").asText()).startsWith("the warehouse failed: cannot connect to");
            assertThat(detail.toString()).doesNotContain(TOKEN);

            assertThat(app.log()).doesNotContain(TOKEN).contains("The warehouse does not answer");
        }
    }
}
