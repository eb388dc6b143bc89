package dev.retailpipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DuckDB on a disk that fills up and then has room again (a small tmpfs the test mounts; the tests run as root, for
 * whom a read-only folder does not bind): the run ends failed naming the warehouse, health is 503 while the disk is
 * full and 200 once it has room, with no restart; the next run succeeds and the warehouse equals a clean run's. Two
 * ways: another file takes the room before the run, and the database fills the disk itself in the middle of a run
 * (DuckDB then invalidates the open database; the service opens it again once the disk is larger).
 */
class DiskFullIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RANGE = "{\"from\": \"2025-01-01\", \"to\": \"2025-01-03\"}";
    private static final Map<String, String> SHOP = Map.of("GENERATOR_START", "2025-01-01T00", "GENERATOR_SCALE", "2");

    private Path disk;

    private static final String LONG_RANGE = "{\"from\": \"2025-01-01\", \"to\": \"2025-03-01\"}";

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFullDiskFailsTheRunNamingTheWarehouseAndTheServiceRecoversWithoutARestartOnceThereIsRoom() throws Exception {
        Path work = Files.createTempDirectory("disk-full");
        Path mount = mountTmpfs(work, "48m");
        try (JarProcess app = JarProcess.start(work, onDisk(work, mount), List.of("-Xmx256m"))) {
            assertThat(app.get("/api/health").statusCode()).isEqualTo(200);
            Path filler = fill(mount);

            var accepted = app.post("/api/runs", RANGE);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).get("run_id").asText();
            app.awaitNoActiveRun(Duration.ofMinutes(3));
            // where DuckDB meets the full disk varies from run to run: when the database then refuses writes, the
            // run's failure waits in memory to be recorded and health is DOWN until it is; when the rollback left room,
            // the failure is recorded at once and health stays UP. Either way the path is never shown.
            var health = app.get("/api/health");
            assertThat(health.statusCode()).isIn(200, 503);
            assertThat(health.body()).doesNotContain(mount.toString())
                    .contains(health.statusCode() == 503 ? "DOWN" : "UP");
            JsonNode kept = app.json("/api/runs/" + id);
            assertThat(kept.get("status").asText()).as("the kept outcome, not the 'running' the database still holds")
                    .isEqualTo("failed");

            Files.delete(filler);
            app.awaitHealthy(Duration.ofSeconds(30));
            JsonNode failed = app.json("/api/runs/" + id);
            assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.get("error").get("message").asText()).startsWith("the warehouse");
            JsonNode next = app.runToEnd(RANGE, Duration.ofMinutes(5));
            assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("succeeded");
        }
        assertEqualsACleanRun(mount.resolve("retail.duckdb"), RANGE);
    }

    @Test
    void aDiskTheDatabaseFillsInTheMiddleOfARunIsRecoveredWithoutARestartOnceItIsLarger() throws Exception {
        Path work = Files.createTempDirectory("disk-fills");
        Path mount = mountTmpfs(work, "24m");
        try (JarProcess app = JarProcess.start(work, onDisk(work, mount), List.of("-Xmx256m"))) {
            // two months at scale 2 take about 68 MB: the first weeks fit, then a checkpoint finds no room
            JsonNode failed = app.runToEnd(LONG_RANGE, Duration.ofMinutes(3));
            assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.get("error").get("message").asText()).startsWith("the warehouse failed")
                    .contains("No space left on device");
            assertThat(failed.get("hours").get("done").asInt()).as("some chunks committed before the disk filled")
                    .isPositive();
            // DuckDB either invalidates the database (a checkpoint found no room: health is DOWN until the disk has
            // room) or fails the commit's write-ahead log and rolls back; which one varies from run to run
            var health = app.get("/api/health");
            if (app.log().contains("database has been invalidated")) {
                assertThat(health.statusCode()).isEqualTo(503);
            }
            assertThat(health.body()).doesNotContain(mount.toString());

            Process grow = new ProcessBuilder("mount", "-o", "remount,size=256m", mount.toString())
                    .redirectErrorStream(true).start();
            assertThat(grow.waitFor()).isZero();
            app.awaitHealthy(Duration.ofSeconds(30));
            JsonNode recorded = app.json("/api/runs/" + failed.get("run_id").asText());
            assertThat(recorded.get("status").asText()).isEqualTo("failed");
            assertThat(recorded.get("finished_at").isNull()).as("the failure was written to the ledger").isFalse();
            JsonNode next = app.runToEnd(LONG_RANGE, Duration.ofMinutes(5));
            assertThat(next.get("status").asText()).as(next.toString()).isEqualTo("succeeded");
        }
        assertEqualsACleanRun(mount.resolve("retail.duckdb"), LONG_RANGE);
    }

    /** Mounts a tmpfs of the size in {@code work/disk} (skips the test where the machine does not allow it). */
    private Path mountTmpfs(Path work, String size) throws Exception {
        Path mount = Files.createDirectories(work.resolve("disk"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        assumeTrue(m.waitFor() == 0, "this machine lets the test mount a tmpfs (root in a container that allows it)");
        disk = mount;
        return mount;
    }

    /** The shop, with the warehouse on the mounted disk and the staged files off it. */
    private static Map<String, String> onDisk(Path work, Path mount) {
        Map<String, String> env = new java.util.HashMap<>(SHOP);
        env.put("WAREHOUSE_URL", "jdbc:duckdb:" + mount.resolve("retail.duckdb"));
        env.put("INGEST_STAGING_DIR", work.resolve("staging").toString());
        return env;
    }

    /** The recovered warehouse's checksums equal those of a clean run of the same range in a new folder. */
    private static void assertEqualsACleanRun(Path database, String range) throws Exception {
        Map<String, String> afterRecovery;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            afterRecovery = WarehouseChecksums.of(c);
        }
        Path clean = Files.createTempDirectory("disk-clean");
        try (JarProcess app = JarProcess.start(clean, SHOP, List.of("-Xmx256m"))) {
            assertThat(app.runToEnd(range, Duration.ofMinutes(5)).get("status").asText()).isEqualTo("succeeded");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + clean.resolve("data/retail.duckdb"))) {
            assertThat(afterRecovery).isEqualTo(WarehouseChecksums.of(c));
        }
    }

    /** Writes a file until the disk refuses: nothing is left for the database. */
    private static Path fill(Path mount) throws IOException {
        Path filler = mount.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler;
        }
    }



}
