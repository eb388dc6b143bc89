package dev.retailpipeline.run;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.retailpipeline.web.BadRequestException;
import dev.retailpipeline.web.JsonReply;
import dev.retailpipeline.web.NotFoundException;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;

/** The run ledger's HTTP reads: the runs, newest first, and one run with its steps and checks. */
public final class RunPages {

    private final RunLedger ledger;
    private final RunCoordinator coordinator;

    public RunPages(RunLedger ledger, RunCoordinator coordinator) {
        this.ledger = ledger;
        this.coordinator = coordinator;
    }

    /** GET /api/runs?limit=&offset= newest first. */
    public void list(Exchange exchange) throws SQLException {
        QueryParameters query = QueryParameters.of(exchange, Set.of("limit", "offset"));
        int limit = query.integer("limit", 20, 1, 200);
        int offset = query.integer("offset", 0, 0, Integer.MAX_VALUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", ledger.list(limit, offset).stream().map(RunPages::view).toList());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("total", ledger.count());
        coordinator.active().ifPresent(r -> body.put("active_run_id", r.runId()));
        JsonReply.write(exchange, 200, body);
    }

    /** GET /api/runs/{id}: the run with its steps; a running run shows hours done of hours requested. */
    public void find(Exchange exchange) throws SQLException {
        QueryParameters.of(exchange, Set.of());
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !id.matches("[0-9A-Za-z-]{1,64}")) {
            throw new BadRequestException("id", "a run id is letters, digits and dashes");
        }
        RunLedger.Run run = ledger.find(id).orElseThrow(() -> new NotFoundException("no run with id " + id));
        Map<String, Object> body = view(run);
        Run live = coordinator.active().filter(r -> r.runId().equals(id)).orElse(null);
        if (live != null) {
            body.put("current_step", live.step());
        }
        body.put("checks", ledger.checksOf(id).stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", c.check());
            check.put("severity", c.severity());
            check.put("failing_rows", c.failingRows());
            check.put("status", c.status());
            return check;
        }).toList());
        JsonReply.write(exchange, 200, body);
    }

    static Map<String, Object> view(RunLedger.Run run) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("run_id", run.runId());
        v.put("trigger", run.trigger());
        v.put("status", run.status());
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("from", run.hoursFrom());
        hours.put("to", run.hoursTo());
        hours.put("requested", run.hoursRequested());
        hours.put("done", run.hoursDone());
        v.put("hours", hours);
        v.put("progress", run.hoursRequested() == 0 ? 1.0 : (double) run.hoursDone() / run.hoursRequested());
        v.put("rows_loaded", run.rowsLoaded());
        v.put("started_at", run.startedAt());
        v.put("finished_at", run.finishedAt());
        v.put("duration_ms", run.durationMs());
        if (run.errorMessage() != null || run.failedStep() != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("step", run.failedStep());
            error.put("hour", run.failedHour());
            error.put("message", run.errorMessage());
            v.put("error", error);
        }
        if (!run.steps().isEmpty()) {
            v.put("steps", run.steps().stream().map(s -> {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("step", s.name());
                step.put("status", s.status());
                step.put("rows", s.rows());
                step.put("duration_ms", s.durationMs());
                if (s.error() != null) {
                    step.put("error", s.error());
                }
                return step;
            }).toList());
        }
        return v;
    }
}
