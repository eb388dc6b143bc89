package dev.retailpipeline.run;

import java.sql.SQLException;
import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run in the ledger: succeeded after its last chunk, or failed through the dead letter route with
 * the chunk, the step and the reason. The run slot is freed first, so a trigger that sees the end is admitted.
 */
public final class RunOutcome {

    private static final Logger LOG = LoggerFactory.getLogger(RunOutcome.class);

    private final RunLedger ledger;
    private final RunCoordinator coordinator;
    private final Clock clock;

    public RunOutcome(RunLedger ledger, RunCoordinator coordinator, Clock clock) {
        this.ledger = ledger;
        this.coordinator = coordinator;
        this.clock = clock;
    }

    public void succeeded(@ExchangeProperty("run") Run run) throws SQLException {
        coordinator.finish(run);
        ledger.checks(run.runId(), run.checks(false), clock.instant());
        ledger.finished(run.runId(), RunLedger.SUCCEEDED, run.hoursDone(), run.rowsLoaded(), run.startedAt(),
                clock.instant(), run.ledgerSteps(null), null, null, null);
        LOG.info("Run {} succeeded: {} hours, {} rows", run.runId(), run.hoursDone(), run.rowsLoaded());
    }

    /** The dead letter channel: the run failed in its current chunk and step, for the reason given. */
    public void failed(Exchange exchange) {
        Run run = exchange.getProperty("run", Run.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (run == null) {
            LOG.error("A run failed before it was recorded: {}", Failures.reason(cause, null));
            return;
        }
        String step = Failures.failedStep(cause, run.step());
        String reason = Failures.reason(cause, step);
        Chunk chunk = run.current();
        Long hour = chunk == null ? null : chunk.hours().from();
        LOG.error("Run {} failed in {} at step {}: {}", run.runId(), chunk == null ? "planning" : chunk, step, reason);
        if (cause != null) {
            LOG.debug("Run {} failure", run.runId(), cause);
        }
        coordinator.finish(run);
        try {
            ledger.checks(run.runId(), run.checks(true), clock.instant());
            ledger.finished(run.runId(), RunLedger.FAILED, run.hoursDone(), run.rowsLoaded(), run.startedAt(),
                    clock.instant(), run.ledgerSteps(step), step, hour,
                    chunk == null ? reason : reason + " (hours " + chunk.hours() + ")");
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not record the failure of run {} in the ledger: {}", run.runId(), e.getMessage());
        }
    }
}
