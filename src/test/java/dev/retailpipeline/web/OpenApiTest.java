package dev.retailpipeline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * GET /api/openapi.yaml describes the HTTP API as the running application serves it: every /api route with its
 * method and no route that is not there, each endpoint's query parameters exactly as it accepts them (read from the
 * 400 an unknown parameter gets, which lists the allowed ones), and every reference resolves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private RunningApplication app;
    private JsonNode document;
    private String served;

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("openapi");
        app = RunningApplication.start(dir, Map.of("generator.start", "2025-01-01T00"),
                new MovableClock(Instant.parse("2025-01-02T00:10:00Z")));
        HttpResponse<String> response = app.get("/api/openapi.yaml");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        served = response.body();
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(response.body());
        document = JSON.valueToTree(parsed);
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    @Test
    void aStandardValidatorFindsNoErrorAndTheWriteTokenIsDeclaredOnTheWrite() {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        io.swagger.v3.parser.core.models.SwaggerParseResult result =
                new io.swagger.v3.parser.OpenAPIV3Parser().readContents(served, null, options);
        assertEquals(List.of(), result.getMessages(), "the validator's messages");
        io.swagger.v3.oas.models.OpenAPI api = result.getOpenAPI();
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get("writeToken").getScheme());
        assertTrue(api.getPaths().get("/api/runs").getPost().getSecurity().stream()
                .anyMatch(requirement -> requirement.containsKey("writeToken")));
    }

    @Test
    void itIsOpenApi3WithATitle() {
        assertTrue(document.get("openapi").asText().startsWith("3.0"));
        assertEquals("retail-pipeline", document.get("info").get("title").asText());
    }

    @Test
    void everyApiRouteIsDescribedWithItsMethodAndNothingElseIs() {
        Set<String> served = new TreeSet<>();
        for (Route route : app.context().getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http && http.getPath().startsWith("/api/")) {
                String methods = http.getHttpMethodRestrict() == null ? "GET" : http.getHttpMethodRestrict();
                for (String method : methods.split(",")) {
                    served.add(method.trim().toLowerCase() + " " + http.getPath());
                }
            }
        }
        Set<String> described = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method + " " + path.getKey())));
        assertEquals(served, described);
    }

    @Test
    void eachEndpointsQueryParametersAreExactlyTheOnesItAccepts() throws Exception {
        List<String> mismatches = new ArrayList<>();
        var paths = document.get("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            JsonNode get = path.getValue().get("get");
            if (get == null || path.getKey().contains("{")) {
                continue;
            }
            Set<String> documented = new TreeSet<>();
            if (get.has("parameters")) {
                for (JsonNode parameter : get.get("parameters")) {
                    JsonNode resolved = resolve(parameter);
                    if ("query".equals(resolved.get("in").asText())) {
                        documented.add(resolved.get("name").asText());
                    }
                }
            }
            HttpResponse<String> response = app.get(path.getKey() + "?zz_not_a_parameter=1");
            Set<String> accepted = new TreeSet<>();
            if (response.statusCode() == 400) {
                String detail = JSON.readTree(response.body()).get("detail").asText();
                assertTrue(detail.startsWith("unknown parameter 'zz_not_a_parameter'"), path.getKey() + ": " + detail);
                String allowed = detail.substring(detail.indexOf("allowed:") + "allowed:".length()).trim();
                for (String name : allowed.split(",")) {
                    if (!name.isBlank()) {
                        accepted.add(name.trim());
                    }
                }
            } else {
                assertEquals(200, response.statusCode(), path.getKey());
            }
            if (!documented.equals(accepted)) {
                mismatches.add(path.getKey() + " documents " + documented + " but accepts " + accepted);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        walk(document, broken);
        assertEquals(List.of(), broken);
    }

    private void walk(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && document.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> walk(child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> walk(child, broken));
        }
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }
}
