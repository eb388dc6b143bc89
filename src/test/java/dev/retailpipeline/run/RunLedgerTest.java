package dev.retailpipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;

import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.warehouse.Dialect;
import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger after a stop: what a run committed is what its chunks hold, even where its progress lagged behind. */
class RunLedgerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRunInterruptedAfterACommitBeforeItsProgressWasWrittenCountsEveryCommittedChunk(@TempDir Path dir)
            throws Exception {
        try (Warehouse warehouse = Warehouse.of("jdbc:duckdb:" + dir.resolve("w.duckdb"))) {
            try (Connection c = warehouse.connect()) {
                SqlFolder.of(Dialect.DUCKDB).runSchema(c); SqlFolder.of(Dialect.DUCKDB).runLedger(c);
            }
            RunLedger ledger = new RunLedger(warehouse);
            Watermark watermark = new Watermark(warehouse);
            long from = T0.getEpochSecond() / 3600;
            ledger.started("r1", "manual", from, from + 240, 240, T0);
            try (Connection c = warehouse.connect()) {
                for (int chunk = 0; chunk < 3; chunk++) {
                    watermark.record(c, "r1", new HourRange(from + 48L * chunk, from + 48L * (chunk + 1)), 1_000, T0);
                }
            }
            ledger.progress("r1", 96, 2_000); // the third chunk committed; the process stopped before this caught up

            assertThat(ledger.failInterrupted(T0.plusSeconds(60), watermark)).isEqualTo(1);
            RunLedger.Run run = ledger.find("r1").orElseThrow();
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.hoursDone()).isEqualTo(144);
            assertThat(run.rowsLoaded()).isEqualTo(3_000);
        }
    }

    @Test
    void whileItsDatabaseIsAwayTheLedgerKeepsAtMostItsLimitOfRunsThatFailedBeforeTheyStarted() throws Exception {
        try (Warehouse away = Warehouse.of("jdbc:postgresql://127.0.0.1:1/warehouse")) {
            RunLedger ledger = new RunLedger(away, 3);
            java.util.List<Boolean> kept = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                kept.add(ledger.failedBeforeStartLater("r" + i, "manual", null, null, 0, T0, "plan", "away"));
            }
            assertThat(kept).containsExactly(true, true, true, false, false);
            assertThat(ledger.kept()).isEqualTo(3);
            assertThat(ledger.writePending()).as("still away: nothing written, nothing lost").isEqualTo(3);
        }
    }
}
