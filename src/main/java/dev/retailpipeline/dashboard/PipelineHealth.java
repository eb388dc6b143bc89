package dev.retailpipeline.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.JsonReply;
import dev.retailpipeline.web.NotFoundException;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;

/**
 * The pipeline's own health for the page's panel, GET /api/pipeline/{part} (routes/pipeline.camel.yaml): how fresh the
 * warehouse is, the checks' verdicts over the last runs, the quarantine against the generator's manifests, the rows
 * loaded per hour against the batches' summaries, and the run time by step. The queries are
 * {@code dashboard/sql/pipeline/*.sql}; the ledger's are run where the ledger is (beside a Spark warehouse, its own
 * DuckDB file). A warehouse that does not answer gets 503 (http-errors), so the panel can say so.
 */
public final class PipelineHealth {

    /** When the hourly timer fires: its first run {@code delay} after start, then every {@code period}. */
    public record Timer(boolean enabled, Instant firstRun, Duration period) {
        Instant nextAfter(Instant now) {
            if (!enabled) {
                return null;
            }
            if (now.isBefore(firstRun)) {
                return firstRun;
            }
            long periods = Duration.between(firstRun, now).toMillis() / Math.max(1, period.toMillis()) + 1;
            return firstRun.plus(period.multipliedBy(periods));
        }
    }

    /** More hours behind than this shows as a warning. */
    static final int BEHIND_HOURS = 2;

    private final Warehouse warehouse;
    private final Warehouse ledger;
    private final Clock clock;
    private final Timer timer;
    private final AnalyticsCache cache;
    private final Map<String, NamedSql> queries = new HashMap<>();
    private final Map<String, Part> parts = new LinkedHashMap<>();

    /**
     * @param cache keeps the answers read from the marts and raw tables (quality, volume) until a chunk commits
     *              ({@link #invalidateCache()}); the ledger's answers are small and read fresh
     */
    public PipelineHealth(Warehouse warehouse, Warehouse ledger, Clock clock, Timer timer, AnalyticsCache cache) {
        this.warehouse = warehouse;
        this.ledger = ledger;
        this.clock = clock;
        this.timer = timer;
        this.cache = cache;
        for (String name : List.of("loaded_range", "quality", "volume")) {
            queries.put(name, NamedSql.of(warehouse.dialect().sql(NamedSql.resource("pipeline/" + name))));
        }
        for (String name : List.of("last_success", "recent_runs", "check_results", "run_steps")) {
            queries.put(name, NamedSql.of(ledger.dialect().sql(NamedSql.resource("pipeline/" + name))));
        }
        parts.put("freshness", new Part(Set.of(), false, q -> freshness()));
        parts.put("checks", new Part(Set.of("runs"), false, q -> checks(q.integer("runs", 30, 1, 100))));
        parts.put("quality", new Part(Set.of(), true, q -> quality()));
        parts.put("volume", new Part(Set.of("days"), true, q -> volume(q.integer("days", 7, 1, 31))));
        parts.put("steps", new Part(Set.of("runs"), false, q -> steps(q.integer("runs", 10, 1, 50))));
    }

    @FunctionalInterface
    private interface Answer {
        Map<String, Object> of(QueryParameters query) throws SQLException;
    }

    private record Part(Set<String> allowed, boolean fromTheMarts, Answer answer) {
    }

    /** GET /api/pipeline/{part}: freshness, checks, quality, volume or steps, named by the path's last segment. */
    public void answer(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Part part = parts.get(path.substring(path.lastIndexOf('/') + 1));
        if (part == null) {
            throw new NotFoundException("no pipeline health part " + path);
        }
        QueryParameters query = QueryParameters.of(exchange, part.allowed());
        byte[] body = part.fromTheMarts()
                ? cache.get(path + "?" + query.canonical(), () -> compute(path, part, query))
                : compute(path, part, query);
        JsonReply.writeEncoded(exchange, 200, body);
    }

    /**
     * Computes the kept answers the page asks for when it opens (quality, volume of the last 7 days), so its first
     * render finds them; run beside the analytics' warm-up after each run and at start. A failure is logged, not thrown.
     */
    public void warmCache() {
        for (String name : List.of("quality", "volume")) {
            String path = "/api/pipeline/" + name;
            Part part = parts.get(name);
            QueryParameters query = QueryParameters.parse("", part.allowed());
            try {
                cache.get(path + "?" + query.canonical(), () -> compute(path, part, query));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PipelineHealth.class).warn("Could not prepare the panel's {} answer: {}",
                        name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** Forgets the kept answers: a chunk has committed rows. */
    public void invalidateCache() {
        cache.invalidate();
    }

    private static byte[] compute(String path, Part part, QueryParameters query) {
        try {
            return JsonReply.bytes(part.answer().of(query));
        } catch (SQLException e) {
            throw new IllegalStateException("pipeline health " + path + " failed: " + e.getMessage(), e);
        }
    }

    Map<String, Object> freshness() throws SQLException {
        Map<String, Object> range = one(warehouse, "loaded_range", Map.of());
        Instant now = clock.instant();
        Instant lastCompletedHour = now.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        String through = iso((String) range.get("loaded_through"));
        Long behind = through == null ? null
                : Math.max(0, Duration.between(Instant.parse(through), lastCompletedHour.plus(1, ChronoUnit.HOURS)).toHours());
        Map<String, Object> lastSuccess = one(ledger, "last_success", Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loaded_through", through);
        body.put("last_completed_hour", lastCompletedHour.toString());
        body.put("hours_behind", behind);
        body.put("behind", behind == null || behind > BEHIND_HOURS);
        body.put("last_success", lastSuccess.isEmpty() ? null : Map.of(
                "run_id", lastSuccess.get("run_id"), "finished_at", iso((String) lastSuccess.get("finished_at"))));
        body.put("timer_enabled", timer.enabled());
        Instant next = timer.nextAfter(now);
        body.put("next_timer_run", next == null ? null : next.truncatedTo(ChronoUnit.SECONDS).toString());
        return body;
    }

    Map<String, Object> checks(int runs) throws SQLException {
        List<Map<String, Object>> recent = runs(runs);
        Map<String, Integer> column = new HashMap<>();
        for (Map<String, Object> run : recent) {
            column.put((String) run.get("run_id"), column.size());
        }
        Map<String, Map<String, Object>> byCheck = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(ledger, "check_results", Map.of("runs", runs))) {
            Integer cell = column.get((String) row.get("run_id"));
            if (cell == null) {
                continue; // a run that started between the two reads: it is in the next answer
            }
            Map<String, Object> check = byCheck.computeIfAbsent((String) row.get("check_name"), name -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("check", name);
                c.put("severity", row.get("severity"));
                c.put("cells", new ArrayList<>(java.util.Collections.nCopies(recent.size(), (Object) null)));
                return c;
            });
            @SuppressWarnings("unchecked")
            List<Object> cells = (List<Object>) check.get("cells");
            cells.set(cell, Map.of(
                    "run_id", row.get("run_id"), "status", row.get("status"), "failing_rows", row.get("failing_rows")));
        }
        for (Map<String, Object> run : recent) {
            run.remove("duration_ms");
        }
        return Map.of("runs", recent, "checks", List.copyOf(byCheck.values()));
    }

    Map<String, Object> quality() throws SQLException {
        Map<String, Object> range = one(warehouse, "loaded_range", Map.of());
        // per table and kind, and per day: injected, of those dated before the history (no cleaning can tell), quarantined
        Map<String, long[]> kinds = new LinkedHashMap<>();
        Map<String, long[]> days = new java.util.TreeMap<>();
        long[] total = new long[3];
        for (Map<String, Object> row : rows(warehouse, "quality", Map.of())) {
            long[] counts = {number(row, "injected"), number(row, "before_history"), number(row, "quarantined")};
            add(total, counts);
            add(kinds.computeIfAbsent(row.get("source_table") + "\t" + row.get("kind"), k -> new long[3]), counts);
            add(days.computeIfAbsent((String) row.get("batch_day"), k -> new long[3]), counts);
        }
        List<Map<String, Object>> kindRows = new ArrayList<>();
        List<Map<String, Object>> differences = new ArrayList<>();
        for (var e : kinds.entrySet()) {
            String[] key = e.getKey().split("\t", 2);
            Map<String, Object> row = counts(e.getValue());
            row.put("table", key[0]);
            row.put("kind", key[1]);
            kindRows.add(row);
            if (e.getValue()[0] - e.getValue()[1] != e.getValue()[2]) {
                differences.add(row);
            }
        }
        List<Map<String, Object>> dayRows = new ArrayList<>();
        for (var e : days.entrySet()) {
            Map<String, Object> row = counts(e.getValue());
            row.put("day", e.getKey());
            dayRows.add(row);
        }
        Map<String, Object> body = counts(total);
        body.put("from", iso((String) range.get("loaded_from")));
        body.put("to", iso((String) range.get("loaded_through")));
        body.put("kinds", kindRows);
        body.put("days", dayRows);
        body.put("differences", differences);
        return body;
    }

    /**
     * injected, before_history (injected late rows dated before a snapshot the warehouse loaded: they read as a later
     * status of an order placed before its history, and cleaning keeps them) and quarantined; a count is right when
     * quarantined = injected - before_history.
     */
    private static Map<String, Object> counts(long[] c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("injected", c[0]);
        row.put("before_history", c[1]);
        row.put("quarantined", c[2]);
        return row;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    Map<String, Object> volume(int days) throws SQLException {
        String through = (String) one(warehouse, "loaded_range", Map.of()).get("loaded_through");
        List<Map<String, Object>> hours = new ArrayList<>();
        long short_ = 0;
        if (through != null) {
            Instant since = Instant.parse(iso(through)).minus(days, ChronoUnit.DAYS);
            for (Map<String, Object> row : rows(warehouse, "volume", Map.of("since", sqlTimestamp(since)))) {
                long loaded = ((Number) row.get("loaded")).longValue();
                long sent = ((Number) row.get("sent")).longValue();
                if (loaded != sent) {
                    short_++;
                }
                hours.add(Map.of("hour", iso((String) row.get("batch_hour")), "loaded", loaded, "source", sent));
            }
        }
        return Map.of("hours", hours, "short_hours", short_);
    }

    Map<String, Object> steps(int runs) throws SQLException {
        List<Map<String, Object>> recent = runs(runs);
        Map<String, Map<String, Object>> byRun = new HashMap<>();
        for (Map<String, Object> run : recent) {
            run.remove("trigger");
            run.remove("status");
            run.put("steps", new LinkedHashMap<String, Object>());
            byRun.put((String) run.get("run_id"), run);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows(ledger, "run_steps", Map.of("runs", runs))) {
            Map<String, Object> run = byRun.get((String) row.get("run_id"));
            if (run == null) {
                continue; // a run that started between the two reads: it is in the next answer
            }
            String step = (String) row.get("step_name");
            names.add(step);
            @SuppressWarnings("unchecked")
            Map<String, Object> steps = (Map<String, Object>) run.get("steps");
            steps.merge(step, ((Number) row.get("duration_ms")).longValue(), (a, b) -> (Long) a + (Long) b);
        }
        return Map.of("steps", List.copyOf(names), "runs", recent);
    }

    private List<Map<String, Object>> runs(int runs) throws SQLException {
        List<Map<String, Object>> recent = new ArrayList<>();
        for (Map<String, Object> row : rows(ledger, "recent_runs", Map.of("runs", runs))) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("run_id", row.get("run_id"));
            run.put("trigger", row.get("trigger_name"));
            run.put("status", row.get("status"));
            run.put("started_at", iso((String) row.get("started_at")));
            run.put("duration_ms", row.get("duration_ms"));
            recent.add(run);
        }
        return recent;
    }

    private static void add(long[] sum, long[] counts) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += counts[i];
        }
    }

    private Map<String, Object> one(Warehouse db, String query, Map<String, Object> values) throws SQLException {
        List<Map<String, Object>> rows = rows(db, query, values);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private List<Map<String, Object>> rows(Warehouse db, String query, Map<String, Object> values) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement ps = queries.get(query).prepare(c, values);
             ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A timestamp's text as the warehouses cast it ({@code 2026-01-31 00:00:00[.123]}) as ISO-8601 UTC. */
    static String iso(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().replace(' ', 'T');
        int dot = t.indexOf('.');
        if (dot > 0) {
            t = t.substring(0, dot);
        }
        return t.endsWith("Z") ? t : t + "Z";
    }

    private static String sqlTimestamp(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }
}
