package dev.retailpipeline.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import dev.retailpipeline.etl.SqlPlan;
import dev.retailpipeline.ingest.IngestProgress;
import dev.retailpipeline.warehouse.SharedTransaction;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * The ends of a chunk in routes/ingest.camel.yaml: {@link #begin} opens the chunk's one transaction and sets what
 * its steps read (hours, run id, load time, the source's URL); {@link #commit} writes the watermark (and the
 * warehouse's source, the first time) in that transaction and commits raw rows, marts and watermark together;
 * {@link #release} rolls back a failed chunk. A try of a chunk begins by rolling back whatever an earlier try left
 * open. One run at a time, so one transaction serves every run.
 */
public final class ChunkSteps {

    /** The exchange property holding the source's URL for the fetch. */
    public static final String SOURCE = "source";
    /** The exchange property holding the chunk under way. */
    public static final String CHUNK = "chunk";

    private final Warehouse warehouse;
    private final SharedTransaction transaction;
    private final Watermark watermark;
    private final RunLedger ledger;
    private final ShopSource source;
    private final String sourceUrl;
    private final Clock clock;

    public ChunkSteps(Warehouse warehouse, SharedTransaction transaction, Watermark watermark, RunLedger ledger,
                      ShopSource source, String sourceUrl, Clock clock) {
        this.warehouse = warehouse;
        this.transaction = transaction;
        this.watermark = watermark;
        this.ledger = ledger;
        this.source = source;
        this.sourceUrl = sourceUrl;
        this.clock = clock;
    }

    public void begin(Exchange exchange, Chunk chunk, @ExchangeProperty(IngestProgress.PROPERTY) Run run)
            throws SQLException {
        if (exchange.getContext().isStopping()) {
            // a SIGTERM: the chunks committed so far stay; the next one would fetch from a server going away
            throw new ShuttingDownException("the service was stopped (SIGTERM or shutdown) during the run; the chunks "
                    + "it committed stay, and the next run goes on from its watermark");
        }
        run.chunkStarted(chunk);
        var message = exchange.getMessage();
        // keep only the error handler's own headers: an HTTP trigger's must not reach the fetch
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("CamelRedelivery"));
        message.setBody(null);
        exchange.setProperty(CHUNK, chunk);
        exchange.setProperty(IngestProgress.HOURS, chunk.hours());
        exchange.setProperty(SqlPlan.HOURS, chunk.hours());
        exchange.setProperty(IngestProgress.RUN_ID, run.runId());
        exchange.setProperty(IngestProgress.LOADED_AT, RunLedger.ts(clock.instant()
                .truncatedTo(ChronoUnit.MILLIS)));
        exchange.setProperty(SOURCE, sourceUrl(exchange.getContext()));
        rollBack();
        transaction.begin(warehouse.connect());
    }

    /** The configured source, or this application's own generator API on the port it really listens on. */
    private String sourceUrl(CamelContext context) {
        if (sourceUrl != null && !sourceUrl.isBlank()) {
            return sourceUrl;
        }
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("ingest.source-url is empty and the embedded HTTP server is not running");
        }
        return "http://127.0.0.1:" + server.getPort() + "/api/transactions";
    }

    /** Writes the watermark and commits the chunk; then counts it done in the run and the ledger. */
    public void commit(@ExchangeProperty(IngestProgress.PROPERTY) Run run) throws SQLException {
        run.step("commit");
        long t0 = System.nanoTime();
        Chunk chunk = run.current();
        boolean ledgerInWarehouse = ledger.database() == warehouse;
        try (Connection c = transaction.getConnection()) {
            source.recordIfAbsent(c, clock.instant());
            watermark.record(c, run.runId(), chunk.hours(), run.chunkSourceRows(), clock.instant());
            if (ledgerInWarehouse) {
                // the run's progress and its check verdicts commit with the chunk: a stop right after the commit
                // leaves a ledger that agrees with the data
                long[] done = run.doneWithCurrentChunk();
                ledger.progress(c, run.runId(), (int) done[0], done[1]);
                ledger.checks(c, run.runId(), run.checks(true), clock.instant());
            }
        }
        long statements = transaction.statements();
        transaction.commit();
        transaction.end();
        run.statementsRan(statements);
        run.timed("commit", System.nanoTime() - t0);
        run.chunkCommitted();
        if (!ledgerInWarehouse) {
            ledger.progress(run.runId(), run.hoursDone(), run.rowsLoaded());
        }
    }

    /** Rolls back what did not commit and closes the connection (the dead letter route's first step). */
    public void rollBack() {
        try {
            transaction.end();
        } catch (SQLException | RuntimeException e) {
            // the connection is closed whatever the rollback says; the failure being recorded matters more
            org.slf4j.LoggerFactory.getLogger(ChunkSteps.class).warn("Rolling back the failed chunk: {}",
                    String.join(" / ", String.valueOf(e.getMessage()).lines().toList())); // one line
        }
    }
}
