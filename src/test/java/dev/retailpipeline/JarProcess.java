package dev.retailpipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application as a user runs it: {@code java -jar target/retail-pipeline.jar} in a folder of its own,
 * configured by environment variables, its output in {@code app.log} there. For the integration tests (*IT).
 */
final class JarProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path work;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private JarProcess(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
    }

    /** Starts the jar in {@code work} with a free port, the timer off and a DuckDB file in {@code work/data}. */
    static JarProcess start(Path work, Map<String, String> environment) throws Exception {
        return start(work, environment, java.util.List.of());
    }

    /** As {@link #start(Path, Map)}, with JVM options before {@code -jar} (the README's start command's). */
    static JarProcess start(Path work, Map<String, String> environment, java.util.List<String> jvmOptions) throws Exception {
        Path jar = Path.of("target", "retail-pipeline.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run mvn package first: no " + jar);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("app.log").toFile()));
        pb.environment().put("HTTP_PORT", String.valueOf(port));
        pb.environment().put("INGEST_TIMER_ENABLED", "false");
        pb.environment().put("WAREHOUSE_URL", "jdbc:duckdb:" + work.resolve("data/retail.duckdb"));
        pb.environment().putAll(environment);
        JarProcess app = new JarProcess(pb.start(), work, port);
        app.awaitUp();
        return app;
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, Duration.ofSeconds(30));
    }

    /** A GET that may take longer than the usual 30 s (a page that runs many statements on a slow engine). */
    HttpResponse<String> get(String pathAndQuery, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST /api/runs with the body (it must be accepted: 202); the run's view once it has ended. */
    JsonNode runToEnd(String body, Duration limit) throws Exception {
        var accepted = post("/api/runs", body);
        if (accepted.statusCode() != 202) {
            throw new AssertionError("the run was refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).get("run_id").asText();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            // the ledger's page answers 503 while its database is away (a run failing on it): ask again
            var answer = get("/api/runs/" + id);
            if (answer.statusCode() != 200 && answer.statusCode() != 503) {
                throw new AssertionError("GET /api/runs/" + id + " answered " + answer.statusCode() + " " + answer.body());
            }
            JsonNode run = JSON.readTree(answer.body());
            if (answer.statusCode() == 200 && !run.get("status").asText().equals("running")) {
                return run;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("run " + id + " did not end in " + limit);
    }

    /** Waits until no run is active (health names none). */
    void awaitNoActiveRun(Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!get("/api/health").body().contains("active_run_id")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the active run did not end in " + limit);
    }

    /** Waits until health answers 200, with no restart. */
    void awaitHealthy(Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (get("/api/health").statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health did not come back in " + limit + " without a restart:\n" + get("/api/health").body());
    }

    JsonNode json(String pathAndQuery) throws Exception {
        return JSON.readTree(get(pathAndQuery).body());
    }

    String log() throws IOException {
        return Files.readString(work.resolve("app.log"));
    }

    /** The process id, to read its resident memory from /proc. */
    long pid() {
        return process.pid();
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no commit, no cleanup. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the process as a user would (SIGTERM, Camel's graceful shutdown). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** Up to 300 s: a first start on an empty Spark engine makes some 35 tables and views, a second or more each. */
    private void awaitUp() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited:\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/health")))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404) {
                    return;
                }
                // the server listens before the routes are added: a 404 means not started yet
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the application did not answer within 300 s:\n" + log());
    }
}
