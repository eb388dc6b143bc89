package dev.retailpipeline.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.RunLedger;
import dev.retailpipeline.web.BadRequestException;
import dev.retailpipeline.web.ConflictException;
import dev.retailpipeline.web.JsonReply;
import dev.retailpipeline.web.LimitExceededException;
import dev.retailpipeline.web.NotFoundException;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run triggers (hourly timer, POST /api/runs) and the ledger's HTTP view. A trigger plans the hours,
 * takes the single run slot and records the run; the run itself goes on in routes/ingest.camel.yaml with the
 * {@link IngestRun} in the exchange property {@value #RUN}.
 */
public final class RunTriggers {

    public static final String RUN = "ingestRun";
    private static final Logger LOG = LoggerFactory.getLogger(RunTriggers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunPlanner planner;
    private final RunCoordinator coordinator;
    private final RunLedger ledger;
    private final Clock clock;
    private final int maxBackfillHours;
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    public RunTriggers(RunPlanner planner, RunCoordinator coordinator, RunLedger ledger, Clock clock, int maxBackfillHours) {
        this.planner = planner;
        this.coordinator = coordinator;
        this.ledger = ledger;
        this.clock = clock;
        this.maxBackfillHours = maxBackfillHours;
    }

    /** POST /api/runs: a backfill of {"from","to"} or, without a body, a catch-up run. Answers 202 or 409. */
    public void manual(Exchange exchange) throws SQLException, IOException {
        String body = exchange.getMessage().getBody(String.class);
        List<Long> hours;
        Long from = null;
        Long to = null;
        if (body == null || body.isBlank()) {
            hours = planner.catchUp(ledger.lastLoadedHour());
        } else {
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                throw new BadRequestException("body", "the body must be JSON like {\"from\": \"2026-11-01\", \"to\": \"2026-11-08\"}");
            }
            if (request == null || !request.isObject()) {
                throw new BadRequestException("body", "the body must be a JSON object with 'from' and 'to'");
            }
            request.fieldNames().forEachRemaining(name -> {
                if (!Set.of("from", "to").contains(name)) {
                    throw new BadRequestException(name, "unknown field '" + name + "'; allowed: from, to");
                }
            });
            from = hourField(request, "from");
            to = hourField(request, "to");
            if (to <= from) {
                throw new BadRequestException("to", "'to' must be after 'from' (from inclusive, to exclusive)");
            }
            if (to > planner.lastCompletedHour() + 1) {
                throw new BadRequestException("to", "'to' is after the last completed hour "
                        + ShopHours.format(planner.lastCompletedHour()) + " (exclusive end " + ShopHours.format(planner.lastCompletedHour() + 1) + ")");
            }
            if (to - from > maxBackfillHours) {
                throw new LimitExceededException("to", "ingest.max-backfill-hours", "a backfill of " + (to - from)
                        + " hours is over the limit ingest.max-backfill-hours = " + maxBackfillHours);
            }
            hours = planner.range(from, to);
        }
        IngestRun run = begin("manual", hours, from, to).orElseThrow(() -> {
            IngestRun active = coordinator.active().orElseThrow();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("active_run_id", active.runId());
            return new ConflictException("a run is already active: " + active.runId(), details);
        });
        exchange.setProperty(RUN, run);
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("run_id", run.runId());
        accepted.put("status", RunLedger.RUNNING);
        accepted.put("hours_requested", run.hoursRequested());
        accepted.put("href", "/api/runs/" + run.runId());
        JsonReply.write(exchange, 202, accepted);
    }

    private static long hourField(JsonNode request, String name) {
        JsonNode node = request.get(name);
        if (node == null || !node.isTextual()) {
            throw new BadRequestException(name, "'" + name + "' is required: a day like 2026-11-01 or an hour like 2026-11-01T06");
        }
        String text = node.asText().trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).toEpochDay() * 24;
            }
            return ShopHours.parse(text);
        } catch (RuntimeException e) {
            throw new BadRequestException(name, "'" + name + "' must be a day like 2026-11-01 or an hour like 2026-11-01T06, got '" + text + "'");
        }
    }

    /** The hourly timer: a catch-up run, or nothing (logged) when a run is active or nothing is new. */
    public void scheduled(Exchange exchange) throws SQLException {
        Optional<IngestRun> active = coordinator.active();
        if (active.isPresent()) {
            LOG.info("Hourly trigger skipped: run {} is still active", active.get().runId());
            exchange.setProperty(RUN, null);
            return;
        }
        List<Long> hours = planner.catchUp(ledger.lastLoadedHour());
        if (hours.isEmpty()) {
            LOG.info("Hourly trigger: the warehouse is up to date");
            exchange.setProperty(RUN, null);
            return;
        }
        Optional<IngestRun> run = begin("hourly", hours, null, null);
        if (run.isEmpty()) {
            LOG.info("Hourly trigger skipped: another run started at the same moment");
        }
        exchange.setProperty(RUN, run.orElse(null));
    }

    private Optional<IngestRun> begin(String trigger, List<Long> range, Long from, Long to) throws SQLException {
        Long snapshot = planner.snapshotBefore(range, ledger.firstLoadedHour()).orElse(null);
        List<Long> hours = range;
        if (snapshot != null) {
            hours = new java.util.ArrayList<>(range.size() + 1);
            hours.add(snapshot);
            hours.addAll(range);
        }
        IngestRun run = new IngestRun(newRunId(), trigger, hours, clock.instant(), snapshot);
        if (!coordinator.tryBegin(run)) {
            return Optional.empty();
        }
        try {
            Long first = snapshot != null ? snapshot : from != null ? from : hours.isEmpty() ? null : hours.get(0);
            Long end = to != null ? to : hours.isEmpty() ? null : hours.get(hours.size() - 1) + 1;
            ledger.started(run.runId(), trigger, first, end, hours.size(), run.startedAt());
        } catch (SQLException | RuntimeException e) {
            coordinator.finish(run);
            throw e;
        }
        LOG.info("Run {} ({}) started: {} hours", run.runId(), trigger, hours.size());
        return Optional.of(run);
    }

    private String newRunId() {
        String stamp = RunLedger.ts(clock.instant()).replaceAll("[^0-9]", "").substring(0, 14);
        // the sequence orders runs started in the same second; the random part keeps ids unique across restarts
        return stamp + "-" + String.format("%04d", sequence.incrementAndGet() % 10_000) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
    }

    /** GET /api/runs?limit=&offset= newest first. */
    public void list(Exchange exchange) throws SQLException {
        QueryParameters query = QueryParameters.of(exchange, Set.of("limit", "offset"));
        int limit = query.integer("limit", 20, 1, 200);
        int offset = query.integer("offset", 0, 0, Integer.MAX_VALUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", ledger.list(limit, offset).stream().map(RunTriggers::view).toList());
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
        IngestRun live = coordinator.active().filter(r -> r.runId().equals(id)).orElse(null);
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
