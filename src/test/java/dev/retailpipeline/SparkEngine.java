package dev.retailpipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Apache Spark 3.5 engine with Delta Lake and its Thrift Server on 127.0.0.1, in a JVM of its own with its own
 * classpath (Spark's Jackson and the application's clash): the project under {@code src/test/spark-engine}, built by
 * the pom before the integration tests ({@code target/classpath.txt} lists its dependencies).
 */
final class SparkEngine implements AutoCloseable {

    static final Path PROJECT = Path.of("src", "test", "spark-engine").toAbsolutePath();

    private final Process process;
    private final Path log;
    private final int port;

    private SparkEngine(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the engine with its tables under {@code home}; returns once it accepts JDBC connections. */
    static SparkEngine start(Path home) throws Exception {
        Path classpath = PROJECT.resolve("target/classpath.txt");
        if (!Files.isRegularFile(classpath)) {
            throw new IllegalStateException("the Spark test engine is not built: run mvn verify (it builds "
                    + PROJECT + " first), or mvn -f " + PROJECT.resolve("pom.xml") + " package");
        }
        Files.createDirectories(home);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-cp", PROJECT.resolve("target/classes") + ":" + Files.readString(classpath).strip(),
                "dev.retailpipeline.sparkengine.SparkThriftEngine", String.valueOf(port), home.toString()));
        Path log = home.resolve("engine.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        SparkEngine engine = new SparkEngine(pb.start(), log, port);
        engine.awaitReady();
        return engine;
    }

    String jdbcUrl() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default";
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the Spark engine exited:\n" + tail());
            }
            if (Files.exists(log) && Files.readString(log).contains("spark-engine ready on " + port)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Spark engine did not start in 3 minutes:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
