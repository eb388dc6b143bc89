package dev.retailpipeline.run;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.BadRequestException;
import dev.retailpipeline.web.ConflictException;
import dev.retailpipeline.web.JsonReply;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run triggers (hourly timer, POST /api/runs) and the ledger's HTTP view. A trigger checks the warehouse's
 * source, plans the chunks from the watermark, takes the single run slot and records the run; the run itself
 * goes on in routes/ingest.camel.yaml with the {@link Run} in the exchange property {@value #RUN}.
 */
public final class RunTriggers {

    public static final String RUN = "run";
    private static final Logger LOG = LoggerFactory.getLogger(RunTriggers.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final RunPlanner planner;
    private final RunCoordinator coordinator;
    private final RunLedger ledger;
    private final Watermark watermark;
    private final Warehouse warehouse;
    private final ShopSource source;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public RunTriggers(RunPlanner planner, RunCoordinator coordinator, RunLedger ledger, Watermark watermark,
                       Warehouse warehouse, ShopSource source, Clock clock) {
        this.planner = planner;
        this.coordinator = coordinator;
        this.ledger = ledger;
        this.watermark = watermark;
        this.warehouse = warehouse;
        this.source = source;
        this.clock = clock;
    }

    /** POST /api/runs: a backfill of {"from","to"} or, without a body, a catch-up run. Answers 202, 409 or 4xx. */
    public void manual(Exchange exchange) throws SQLException {
        String body = exchange.getMessage().getBody(String.class);
        HourRange range;
        if (body == null || body.isBlank()) {
            range = null;
        } else {
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                throw new BadRequestException("body", "the body must be JSON like {\"from\": \"2026-11-01\", \"to\": \"2026-11-08\"}"
                        + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field") ? " (a field is given twice)" : ""));
            }
            if (request == null || !request.isObject()) {
                throw new BadRequestException("body", "the body must be a JSON object with 'from' and 'to'");
            }
            request.fieldNames().forEachRemaining(name -> {
                if (!Set.of("from", "to").contains(name)) {
                    throw new BadRequestException(name.length() > 40 ? name.substring(0, 40) + "..." : name,
                            "unknown field; allowed: from, to");
                }
            });
            range = planner.rules().parse(text(request, "from"), text(request, "to"), "from", "to");
        }
        Run run = planned("manual", range).orElseThrow(() -> {
            Run active = coordinator.active().orElseThrow();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("active_run_id", active.runId());
            return new ConflictException("a run is already active: " + active.runId(), details);
        });
        exchange.setProperty(RUN, run);
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("run_id", run.runId());
        accepted.put("status", RunLedger.RUNNING);
        accepted.put("hours_requested", run.hoursRequested());
        accepted.put("chunks", run.chunks().size());
        accepted.put("href", "/api/runs/" + run.runId());
        JsonReply.write(exchange, 202, accepted);
    }

    private static String text(JsonNode request, String name) {
        JsonNode node = request.get(name);
        if (node != null && !node.isTextual()) {
            throw new BadRequestException(name, "'" + name + "' must be a string: a day like 2026-11-01 or an hour like 2026-11-01T06");
        }
        return node == null ? null : node.asText();
    }

    /** A warehouse holds one shop: a run from another source is refused (409), naming both. */
    private void checkSource() throws SQLException {
        Optional<ShopSource> recorded = ShopSource.recorded(warehouse);
        if (recorded.isPresent() && !recorded.get().sameAs(source)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("warehouse_source", recorded.get().view());
            details.put("configured_source", source.view());
            throw new ConflictException("the warehouse was loaded from another shop (" + recorded.get()
                    + ") than the one configured (" + source + "); point the run at that source or at another warehouse",
                    details);
        }
    }

    /** The hourly timer: a catch-up run, or nothing (logged) when a run is active or nothing is new. */
    public void scheduled(Exchange exchange) throws SQLException {
        exchange.setProperty(RUN, null);
        Optional<Run> active = coordinator.active();
        if (active.isPresent()) {
            LOG.info("Hourly trigger skipped: run {} is still active", active.get().runId());
            return;
        }
        Optional<Run> run;
        try {
            checkSource();
            if (planner.catchUp(watermark.lastLoadedHour()).isEmpty()) {
                LOG.info("Hourly trigger: the warehouse is up to date");
                return;
            }
            run = planned("hourly", null);
        } catch (ConflictException e) {
            LOG.error("Hourly trigger skipped: {}", e.getMessage());
            return;
        } catch (SQLException e) {
            LOG.warn("Hourly trigger: no run, the warehouse did not answer ({})", Failures.reason(e, "plan"));
            return;
        }
        if (run.isEmpty()) {
            LOG.info("Hourly trigger skipped: another run started at the same moment");
        }
        exchange.setProperty(RUN, run.orElse(null));
    }

    /**
     * Checks the source and plans the run ({@link #begin}). When the warehouse does not answer, the run is recorded as
     * failed in the ledger where the ledger can be written (it is local on Spark), naming the warehouse, and the
     * error goes on to the caller (a 503).
     */
    private Optional<Run> planned(String trigger, HourRange range) throws SQLException {
        try {
            checkSource();
            return begin(trigger, range);
        } catch (SQLException e) {
            String id = newRunId();
            Instant now = clock.instant();
            String reason = Failures.reason(e, "plan");
            LOG.warn("Run {} ({}) failed before it started: {}", id, trigger, reason);
            Long from = range == null ? null : range.from();
            Long to = range == null ? null : range.to();
            int hours = range == null ? 0 : (int) (range.to() - range.from());
            boolean started = false;
            try {
                ledger.started(id, trigger, from, to, hours, now);
                started = true;
                ledger.finished(id, RunLedger.FAILED, 0, 0, now, clock.instant(), List.of(), "plan", null, reason);
            } catch (SQLException | RuntimeException unrecorded) {
                if (started) {
                    LOG.warn("Run {} could not be recorded as failed: {}", id, unrecorded.getMessage());
                } else {
                    // the ledger is in the warehouse that did not answer: its record waits for it
                    if (ledger.failedBeforeStartLater(id, trigger, from, to, hours, now, "plan", reason)) {
                        LOG.warn("Run {} is kept and recorded as failed once the ledger's database answers", id);
                    } else {
                        LOG.warn("Run {} is not recorded: the ledger already keeps as many failed runs as it may "
                                + "until its database answers", id);
                    }
                }
            }
            throw e;
        }
    }

    /** Plans the run from the watermark (a catch-up when range is null), takes the run slot and records it. */
    private Optional<Run> begin(String trigger, HourRange range) throws SQLException {
        OptionalLong last = watermark.lastLoadedHour();
        HourRange hours = range != null ? range : planner.catchUp(last);
        List<Chunk> chunks = planner.chunks(hours, !hours.isEmpty() && watermark.holds(hours.from() - 1));
        Run run = new Run(newRunId(), trigger, chunks, clock.instant());
        if (!coordinator.tryBegin(run)) {
            return Optional.empty();
        }
        try {
            long first = chunks.isEmpty() ? hours.from() : chunks.get(0).hours().from();
            ledger.started(run.runId(), trigger, hours.isEmpty() ? null : first, hours.isEmpty() ? null : hours.to(),
                    run.hoursRequested(), run.startedAt());
        } catch (SQLException | RuntimeException e) {
            coordinator.finish(run);
            throw e;
        }
        LOG.info("Run {} ({}) started: {} hours in {} chunk(s)", run.runId(), trigger, run.hoursRequested(), chunks.size());
        return Optional.of(run);
    }

    private String newRunId() {
        String stamp = RunLedger.ts(clock.instant()).replaceAll("[^0-9]", "").substring(0, 14);
        // the sequence orders runs started in the same second; the random part keeps ids unique across restarts
        return stamp + "-" + String.format("%04d", sequence.incrementAndGet() % 10_000) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
    }
}
