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
                Map.of("camel.main.routes-reload-enabled", "true"))) {
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
