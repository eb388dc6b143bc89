package dev.retailpipeline.generator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.web.ErrorResponses;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import dev.retailpipeline.time.HourRange;

/** The generator API routes in isolation: HTTP input replaced by direct:, outcomes read from the reply. */
class GeneratorApiRouteTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = HourRange.parseHour("2025-01-01T00");

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(START));
        GeneratorDefaults defaults = new GeneratorDefaults(42, 1, 0, START, 10);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:30:00Z"), ZoneOffset.UTC);
        registry.bind("generatorApi", new GeneratorApi(generator, defaults, clock, new RangeRules(START, 24, clock),
                16 << 20, new HourBuildLimit(2, 1_000)));
        registry.bind("errorResponses", new ErrorResponses());
    }

    private void loadRoutes() throws Exception {
        for (String file : new String[] {"http-errors", "generator-api"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file + ".camel.yaml"));
        }
        AdviceWith.adviceWith(context, "api-transactions", route -> {
            route.replaceFromWith("direct:transactions");
            route.weaveAddLast().to("mock:reply");
        });
        AdviceWith.adviceWith(context, "api-schema", route -> route.replaceFromWith("direct:schema"));
    }

    private Exchange call(String query) {
        return template.request("direct:transactions", ex -> ex.getMessage().setHeader(Exchange.HTTP_QUERY, query));
    }

    @Test
    void defaultHourIsTheLastCompletedHourOfTheClock() throws Exception {
        loadRoutes();
        MockEndpoint reply = getMockEndpoint("mock:reply");
        reply.expectedMessageCount(1);
        reply.expectedHeaderReceived("X-Batch-Hour", "2025-12-31T23");
        context.start();
        Exchange out = call("seed=1");
        reply.assertIsSatisfied();
        JsonNode batch = JSON.readTree(out.getMessage().getBody(byte[].class));
        assertEquals("2025-12-31T23", batch.get("batch").get("hour").asText());
    }

    @Test
    void badHourIsAnsweredWith400AndTheGeneratorIsNotCalled() throws Exception {
        loadRoutes();
        MockEndpoint reply = getMockEndpoint("mock:reply");
        reply.expectedMessageCount(0);
        context.start();
        Exchange out = call("hour=soon");
        reply.assertIsSatisfied();
        assertEquals(400, out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        JsonNode body = JSON.readTree(out.getMessage().getBody(String.class));
        assertEquals("hour", body.get("parameter").asText());
    }

    @Test
    void unexpectedFailureBecomesA500WithAJsonBodyAndNoStackTrace() throws Exception {
        loadRoutes();
        AdviceWith.adviceWith(context, "api-transactions", route -> route.weaveById("generate-transactions")
                .replace().throwException(new IllegalStateException("disk on fire at Foo.java:12")));
        context.start();
        Exchange out = call("");
        assertEquals(500, out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        String body = new String(out.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
        assertEquals("internal_error", JSON.readTree(body).get("error").asText());
        assertFalse(body.contains("disk on fire"), "the cause stays in the log");
        assertTrue(body.contains("see its log"));
    }

    @Test
    void rangeIsAStreamNotABufferedBody() throws Exception {
        loadRoutes();
        context.start();
        Exchange out = call("from=2025-06-01T00&to=2025-06-02T00");
        Object body = out.getMessage().getBody();
        assertTrue(body instanceof java.io.InputStream, "range body is " + body.getClass());
        String text = new String(((java.io.InputStream) body).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(24, text.lines().filter(l -> l.startsWith("{\"table\":\"_summary\"")).count());
    }
}
