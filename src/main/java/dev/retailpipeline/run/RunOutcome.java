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

    public void succeeded(@ExchangeProperty("run") Run run) {
        coordinator.finish(run);
        java.time.Instant at = clock.instant();
        var checks = run.checks(false);
        var steps = run.ledgerSteps(null);
        RunLedger.Write record = () -> {
            ledger.checks(run.runId(), checks, at);
            ledger.finished(run.runId(), RunLedger.SUCCEEDED, run.hoursDone(), run.rowsLoaded(), run.startedAt(), at,
                    steps, null, null, null);
        };
        try {
            record.run();
        } catch (SQLException | RuntimeException e) {
            ledger.later(run.runId(), RunLedger.SUCCEEDED, null, null, record);
            LOG.warn("Run {} succeeded; its record is kept until the ledger's database answers again: {}", run.runId(),
                    e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
        }
        LOG.info("Run {} succeeded: {} hours, {} rows, {} statements in {} chunk(s)", run.runId(), run.hoursDone(),
                run.rowsLoaded(), run.statements(), run.chunks().size());
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
        java.time.Instant at = clock.instant();
        var checks = run.checks(true);
        var steps = run.ledgerSteps(step);
        String error = chunk == null ? reason : reason + " (hours " + chunk.hours() + ")";
        RunLedger.Write record = () -> {
            ledger.checks(run.runId(), checks, at);
            ledger.finished(run.runId(), RunLedger.FAILED, run.hoursDone(), run.rowsLoaded(), run.startedAt(), at,
                    steps, step, hour, error);
        };
        try {
            record.run();
        } catch (SQLException | RuntimeException e) {
            // the ledger's database is away, likely the failure itself: the record waits until it answers
            ledger.later(run.runId(), RunLedger.FAILED, step, error, record);
            LOG.warn("The failure of run {} is kept and recorded once the ledger's database answers again: {}",
                    run.runId(), e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
