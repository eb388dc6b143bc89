package dev.retailpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route files in the external routes folder take effect while the application runs, without a restart. */
class LiveReloadTest {

    @TempDir
    Path routes;

    @Test
    void newAndEditedRouteFilesTakeEffectWithoutARestart() throws Exception {
        try (RunningApplication app = RunningApplication.start(routes,
                Map.of("routes.reload-enabled", "true"))) {
            assertEquals(404, app.get("/hello").statusCode());

            Path file = routes.resolve("hello.camel.yaml");
            Files.writeString(file, helloRoute("first version"));
            awaitBody(app, "/hello", "first version");

            Files.writeString(file, helloRoute("second version"));
            awaitBody(app, "/hello", "second version");

            assertEquals(200, app.get("/api/schema").statusCode(), "built-in routes keep running");
        }
    }

    @Test
    void aNewVersionThatDoesNotLoadLeavesThePreviousOneRunningAndALaterGoodOneLoads() throws Exception {
        try (RunningApplication app = RunningApplication.start(routes, Map.of("routes.reload-enabled", "true"))) {
            Path file = routes.resolve("hello.camel.yaml");
            Files.writeString(file, helloRoute("first version"));
            awaitBody(app, "/hello", "first version");

            // valid YAML, but a bean no one bound: Camel's own reload removed the route before the new one failed
            Files.writeString(file, helloRoute("second version").replace("        - setBody:",
                    "        - bean:\n            ref: noSuchBean\n        - setBody:"));
            // the reload takes the old route down for a moment while it tries the new one; once it has given up,
            // the previous version answers again, for good
            Thread.sleep(4_000);
            Instant until = Instant.now().plus(Duration.ofSeconds(3));
            while (Instant.now().isBefore(until)) {
                HttpResponse<String> answer = app.get("/hello");
                assertEquals("200 first version", answer.statusCode() + " " + answer.body(),
                        "the previous version answers after the broken one was refused");
                Thread.sleep(200);
            }

            Files.writeString(file, helloRoute("third version"));
            awaitBody(app, "/hello", "third version");
        }
    }

    @Test
    void aFileNamedLikeABuiltInRouteReplacesIt() throws Exception {
        String builtIn = new String(getClass().getResourceAsStream("/routes/home.camel.yaml").readAllBytes());
        Files.writeString(routes.resolve("home.camel.yaml"), builtIn.replace(
                "uri: language:constant:resource:classpath:dashboard/index.html",
                "uri: language:constant:our own home page"));
        try (RunningApplication app = RunningApplication.start(routes, Map.of())) {
            HttpResponse<String> page = app.get("/");
            assertEquals(200, page.statusCode());
            assertEquals("our own home page", page.body());
        }
    }

    private static String helloRoute(String answer) {
        return """
                - route:
                    id: hello
                    from:
                      uri: platform-http:/hello
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
    }

    private static void awaitBody(RunningApplication app, String path, String expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = app.get(path);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && response.body().equals(expected)) {
                return;
            }
            Thread.sleep(250);
        }
        fail("route did not reload within 30 s; last answer: " + last);
    }
}
