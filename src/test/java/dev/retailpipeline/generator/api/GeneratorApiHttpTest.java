package dev.retailpipeline.generator.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generator API over real HTTP, against the application started on a free port. */
class GeneratorApiHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOUR = "2025-11-28T19";

    @TempDir
    static Path routes;
    static RunningApplication app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApplication.start(routes, Map.of("range.max-hours", "48", "generator.max-scale", "50"));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void homePageNamesTheProductAndLinksTheApi() throws Exception {
        HttpResponse<String> page = app.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("retail-pipeline"));
        assertTrue(page.body().contains("href=\"/api/transactions\""));
        assertTrue(page.body().contains("href=\"/api/schema\""));
    }

    @Test
    void sameRequestTwiceReturnsIdenticalBytesInEveryFormat() throws Exception {
        for (String format : List.of("json", "ndjson", "csv&table=order_items")) {
            String query = "/api/transactions?hour=" + HOUR + "&seed=7&format=" + format;
            HttpResponse<byte[]> first = app.getBytes(query);
            HttpResponse<byte[]> second = app.getBytes(query);
            assertEquals(200, first.statusCode(), format);
            assertTrue(first.body().length > 200, format);
            assertArrayEquals(first.body(), second.body(), format);
        }
    }

    @Test
    void anotherSeedReturnsDifferentData() throws Exception {
        byte[] seven = app.getBytes("/api/transactions?hour=" + HOUR + "&seed=7").body();
        byte[] eight = app.getBytes("/api/transactions?hour=" + HOUR + "&seed=8").body();
        assertFalse(Arrays.equals(seven, eight));
    }

    @Test
    void jsonBatchHasTheSixTablesTheManifestAndTheSummary() throws Exception {
        HttpResponse<String> response = app.get("/api/transactions?hour=" + HOUR + "&seed=7&dirty=0.05");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode batch = JSON.readTree(response.body());
        for (String table : List.of("stores", "customers", "products", "orders", "order_items", "payments")) {
            assertTrue(batch.get(table).isArray(), table);
        }
        assertTrue(batch.get("orders").size() > 10, "an evening hour has orders");
        assertTrue(batch.get("manifest").size() > 0, "dirty=0.05 injects rows");
        assertEquals(batch.get("orders").size() - countManifest(batch, "orders"),
                batch.get("summary").get("rows").get("orders").asInt());
    }

    private static int countManifest(JsonNode batch, String table) {
        int n = 0;
        for (JsonNode entry : batch.get("manifest")) {
            if (entry.get("table").asText().equals(table)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void anHourAloneEqualsTheSameHourInsideARange() throws Exception {
        String alone = app.get("/api/transactions?hour=2025-11-28T20&seed=7&format=ndjson").body();
        HttpResponse<String> range = app.get("/api/transactions?from=2025-11-28T18&to=2025-11-28T22&seed=7");
        assertEquals(200, range.statusCode());
        assertEquals("application/x-ndjson", range.headers().firstValue("Content-Type").orElse(""));
        String before = app.get("/api/transactions?hour=2025-11-28T18&seed=7&format=ndjson").body()
                + app.get("/api/transactions?hour=2025-11-28T19&seed=7&format=ndjson").body();
        assertTrue(range.body().startsWith(before));
        assertTrue(range.body().startsWith(alone, before.length()), "hour 20 follows hours 18 and 19 byte for byte");
    }

    @Test
    void csvOfOneTableStartsWithItsHeader() throws Exception {
        HttpResponse<String> csv = app.get("/api/transactions?hour=" + HOUR + "&format=csv&table=payments");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("payment_id,order_id,method,status,amount,paid_at"), csv.body());
    }

    @Test
    void schemaListsTheSixSourceTablesWithTheirColumns() throws Exception {
        HttpResponse<String> response = app.get("/api/schema");
        assertEquals(200, response.statusCode());
        JsonNode schema = JSON.readTree(response.body());
        String text = schema.toString();
        for (String column : List.of("store_id", "loyalty_tier", "unit_cost", "order_at", "discount_amount", "paid_at")) {
            assertTrue(text.contains("\"" + column + "\""), column);
        }
    }

    @ParameterizedTest(name = "{0} gives 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "hour=yesterday|hour",
        "hour=2025-13-01T00|hour",
        "hour=2020-01-01T00|hour",
        "hour=2999-01-01T00|hour",
        "seed=abc|seed",
        "seed=99999999999999999999|seed",
        "scale=-1|scale",
        "scale=0|scale",
        "scale=NaN|scale",
        "scale=1e999|scale",
        "dirty=2|dirty",
        "dirty=-0.1|dirty",
        "format=xml|format",
        "format=csv|table",
        "format=csv&table=secrets|table",
        "format=json&table=orders|table",
        "colour=red|colour",
        "seed=1&seed=2|seed",
        "hour=2025-11-28+19|hour",
        "from=2025-11-28T00|to",
        "to=2025-11-28T00|from",
        "from=2025-11-28T05&to=2025-11-28T05|to",
        "from=2025-11-28T00&to=2025-11-29T00&format=json|format",
        "hour=2025-11-28T00&from=2025-11-28T00&to=2025-11-28T02|hour",
    })
    void badParameterGets400WithJsonNamingIt(String query, String parameter) throws Exception {
        HttpResponse<String> response = app.get("/api/transactions?" + query);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = JSON.readTree(response.body());
        assertEquals("bad_parameter", body.get("error").asText());
        assertEquals(parameter, body.get("parameter").asText());
        assertFalse(body.get("detail").asText().isBlank());
        assertFalse(response.body().contains("Exception"), "no stack trace or class names reach the client");
    }

    @ParameterizedTest(name = "{0} is over {1}")
    @CsvSource(delimiter = '|', value = {
        "scale=51|generator.max-scale",
        "from=2025-11-01T00&to=2025-11-03T01|range.max-hours",
    })
    void requestOverALimitGets413NamingTheLimit(String query, String limit) throws Exception {
        HttpResponse<String> response = app.get("/api/transactions?" + query);
        assertEquals(413, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("limit_exceeded", body.get("error").asText());
        assertEquals(limit, body.get("limit").asText());
    }

    @Test
    void writingToTheGeneratorIsNotAllowedAndIsNotAServerError() throws Exception {
        HttpResponse<String> response = app.post("/api/transactions", "{}");
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, "got " + response.statusCode());
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertEquals(404, app.get("/api/nothing-here").statusCode());
    }

    @Test
    void rangeStreamCarriesEveryHourOnce() throws Exception {
        String body = new String(app.getBytes("/api/transactions?from=2025-11-27T00&to=2025-11-29T00&seed=3").body(),
                StandardCharsets.UTF_8);
        long batches = body.lines().filter(line -> line.startsWith("{\"table\":\"_batch\"")).count();
        long summaries = body.lines().filter(line -> line.startsWith("{\"table\":\"_summary\"")).count();
        assertEquals(48, batches);
        assertEquals(48, summaries);
    }
}
