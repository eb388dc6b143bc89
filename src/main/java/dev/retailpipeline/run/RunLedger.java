package dev.retailpipeline.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.retailpipeline.etl.CheckResult;
import dev.retailpipeline.warehouse.Warehouse;

/**
 * The run ledger in the warehouse (tables pipeline_runs and pipeline_run_steps, created by sql/ledger).
 * Timestamps cross JDBC as ISO text cast in SQL, so no driver's time-zone handling is involved.
 */
public final class RunLedger implements dev.retailpipeline.web.KeptWrites {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** How many runs that failed before they started a ledger keeps while its database is away, by default. */
    public static final int MAX_KEPT_FAILURES = 1000;

    private final Warehouse warehouse;
    private final int maxKeptFailures;
    private final java.util.concurrent.atomic.AtomicInteger keptFailures = new java.util.concurrent.atomic.AtomicInteger();

    public RunLedger(Warehouse warehouse) {
        this(warehouse, MAX_KEPT_FAILURES);
    }

    /**
     * @param maxKeptFailures how many runs that failed before they started are kept while the database is away
     *                        ({@code ledger.max-kept-failures}): each trigger refused then adds one, and a client that
     *                        posts runs in a loop must not fill the heap
     */
    public RunLedger(Warehouse warehouse, int maxKeptFailures) {
        this.warehouse = warehouse;
        this.maxKeptFailures = maxKeptFailures;
    }

    /** A ledger write to do later. */
    @FunctionalInterface
    public interface Write {
        void run() throws SQLException;
    }

    private final java.util.Deque<Write> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** The outcomes of runs whose record is kept, shown in place of the "running" the database still holds. */
    private final Map<String, String[]> keptOutcomes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Keeps the record of a run's outcome the database refused (it was away: often the very failure the record tells)
     * and writes it, in order, at the next use of the ledger once the database answers; until then the ledger's pages
     * show the kept outcome.
     */
    public void later(String runId, String status, String failedStep, String error, Write write) {
        keptOutcomes.put(runId, new String[] {status, failedStep, error});
        pending.add(() -> {
            write.run();
            keptOutcomes.remove(runId);
        });
    }

    /** Keeps a write the database cannot take yet (it is away), done in order at the next use once it answers. */
    public void keep(Write write) {
        pending.add(write);
    }

    /** Does the kept writes, in order, while the database takes them; returns how many are still kept. */
    @Override
    public synchronized int writePending() {
        while (!pending.isEmpty()) {
            try {
                pending.peek().run();
                pending.poll();
            } catch (SQLException | RuntimeException e) {
                return pending.size();
            }
        }
        return 0;
    }

    /** The database the ledger is kept in: the warehouse, or a local one beside a Spark warehouse. */
    public Warehouse database() {
        return warehouse;
    }

    /** A step of a run as recorded. */
    public record Step(String name, String status, Long rows, long durationMs, String error) {
    }

    /** A run as recorded. */
    public record Run(String runId, String trigger, String status, String hoursFrom, String hoursTo,
                      int hoursRequested, int hoursDone, long rowsLoaded, String startedAt, String finishedAt,
                      Long durationMs, String failedStep, String failedHour, String errorMessage, List<Step> steps) {
    }

    public static String ts(Instant instant) {
        return instant == null ? null : TS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static String hourTs(long epochHour) {
        return ts(Instant.ofEpochSecond(epochHour * 3600));
    }

    public void started(String runId, String trigger, Long fromHour, Long toHour, int hoursRequested, Instant at)
            throws SQLException {
        writePending();
        insertRunning(runId, trigger, fromHour, toHour, hoursRequested, at);
    }

    /**
     * Keeps the record of a run that failed before it started because the ledger's database did not answer (a
     * database server away, at start or later), written as failed once it answers; returns false, keeping nothing,
     * when the ledger already keeps as many as it may (the caller logs the run instead).
     */
    public boolean failedBeforeStartLater(String runId, String trigger, Long fromHour, Long toHour, int hoursRequested,
                                          Instant at, String failedStep, String error) {
        if (keptFailures.incrementAndGet() > maxKeptFailures) {
            keptFailures.decrementAndGet();
            return false;
        }
        later(runId, FAILED, failedStep, error, () -> {
            insertRunning(runId, trigger, fromHour, toHour, hoursRequested, at);
            finished(runId, FAILED, 0, 0, at, at, List.of(), failedStep, null, error);
            keptFailures.decrementAndGet();
        });
        return true;
    }

    /** How many records of runs the ledger keeps until its database answers. */
    public int kept() {
        return pending.size();
    }

    private void insertRunning(String runId, String trigger, Long fromHour, Long toHour, int hoursRequested, Instant at)
            throws SQLException {
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(
                "insert into pipeline_runs (run_id, trigger_name, status, hours_from, hours_to, hours_requested,"
                        + " hours_done, rows_loaded, started_at)"
                        + " values (?, ?, ?, cast(? as timestamp), cast(? as timestamp), ?, 0, 0, cast(? as timestamp))")) {
            ps.setString(1, runId);
            ps.setString(2, trigger);
            ps.setString(3, RUNNING);
            ps.setString(4, fromHour == null ? null : hourTs(fromHour));
            ps.setString(5, toHour == null ? null : hourTs(toHour));
            ps.setInt(6, hoursRequested);
            ps.setString(7, ts(at));
            ps.executeUpdate();
        }
    }

    public void progress(String runId, int hoursDone, long rowsLoaded) throws SQLException {
        try (Connection c = warehouse.connect()) {
            progress(c, runId, hoursDone, rowsLoaded);
        }
    }

    /** The run's progress, on a connection of the caller's (a chunk's own transaction, where the ledger shares it). */
    public void progress(Connection c, String runId, int hoursDone, long rowsLoaded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update pipeline_runs set hours_done = ?, rows_loaded = ? where run_id = ?")) {
            ps.setInt(1, hoursDone);
            ps.setLong(2, rowsLoaded);
            ps.setString(3, runId);
            ps.executeUpdate();
        }
    }

    /** Closes a run: its status, counts, steps and, for a failure, the step, hour and reason. */
    public void finished(String runId, String status, int hoursDone, long rowsLoaded, Instant startedAt,
                         Instant finishedAt, List<Step> steps, String failedStep, Long failedHour, String error)
            throws SQLException {
        try (Connection c = warehouse.connect()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "update pipeline_runs set status = ?, hours_done = ?, rows_loaded = ?,"
                                + " finished_at = cast(? as timestamp), duration_ms = ?, failed_step = ?,"
                                + " failed_hour = cast(? as timestamp), error_message = ? where run_id = ?")) {
                    ps.setString(1, status);
                    ps.setInt(2, hoursDone);
                    ps.setLong(3, rowsLoaded);
                    ps.setString(4, ts(finishedAt));
                    ps.setLong(5, finishedAt.toEpochMilli() - startedAt.toEpochMilli());
                    ps.setString(6, failedStep);
                    ps.setString(7, failedHour == null ? null : hourTs(failedHour));
                    ps.setString(8, error);
                    ps.setString(9, runId);
                    ps.executeUpdate();
                }
                try (PreparedStatement delete = c.prepareStatement("delete from pipeline_run_steps where run_id = ?")) {
                    delete.setString(1, runId);
                    delete.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into pipeline_run_steps (run_id, step_order, step_name, status, rows_affected,"
                                + " duration_ms, error_message) values (?, ?, ?, ?, ?, ?, ?)")) {
                    int order = 0;
                    for (Step step : steps) {
                        ps.setString(1, runId);
                        ps.setInt(2, ++order);
                        ps.setString(3, step.name());
                        ps.setString(4, step.status());
                        if (step.rows() == null) {
                            ps.setNull(5, java.sql.Types.BIGINT);
                        } else {
                            ps.setLong(5, step.rows());
                        }
                        ps.setLong(6, step.durationMs());
                        ps.setString(7, step.error());
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** Stores the data checks' outcomes of a run (etl_check_results). */
    /** The run's check verdicts so far, replacing those recorded before (a chunk's commit writes them too). */
    public void checks(String runId, List<CheckResult> results, Instant at) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (Connection c = warehouse.connect()) {
            checks(c, runId, results, at);
        }
    }

    /** As {@link #checks(String, List, Instant)}, on a connection of the caller's (a chunk's own transaction). */
    public void checks(Connection c, String runId, List<CheckResult> results, Instant at) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from etl_check_results where run_id = ?");
             PreparedStatement ps = c.prepareStatement(
                     "insert into etl_check_results (run_id, check_name, severity, failing_rows, status, checked_at)"
                             + " values (?, ?, ?, ?, ?, cast(? as timestamp))")) {
            delete.setString(1, runId);
            delete.executeUpdate();
            for (var r : results) {
                ps.setString(1, runId);
                ps.setString(2, r.check());
                ps.setString(3, r.severity());
                ps.setLong(4, r.failingRows());
                ps.setString(5, r.status());
                ps.setString(6, ts(at));
                ps.executeUpdate();
            }
        }
    }

    /** The data checks of a run. */
    public List<CheckResult> checksOf(String runId) throws SQLException {
        List<CheckResult> out = new ArrayList<>();
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(
                "select check_name, severity, failing_rows, status from etl_check_results where run_id = ? order by check_name")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CheckResult(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Runs left 'running' by a process that stopped are failed, with that reason. */
    /**
     * Records the runs still 'running' (the process stopped under them) as failed. Their hours and rows become what
     * their committed chunks hold, where that is more than the ledger had written: a chunk commits before the
     * ledger's progress is written, so a stop between the two left the ledger behind the data.
     */
    public int failInterrupted(Instant now, Watermark watermark) throws SQLException {
        Map<String, long[]> interrupted = new java.util.LinkedHashMap<>();
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(
                "select run_id, hours_done, rows_loaded from pipeline_runs where status = ?")) {
            ps.setString(1, RUNNING);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    interrupted.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        for (Map.Entry<String, long[]> run : interrupted.entrySet()) {
            long hours = run.getValue()[0];
            long rows = run.getValue()[1];
            try {
                Watermark.Committed committed = watermark.committedBy(run.getKey());
                hours = Math.max(hours, committed.hours());
                rows = Math.max(rows, committed.rows());
            } catch (SQLException e) {
                // the warehouse is away (a remote one at start): the ledger's own counts stay
            }
            try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(
                    "update pipeline_runs set status = ?, finished_at = cast(? as timestamp),"
                            + " failed_step = coalesce(failed_step, 'interrupted'), error_message = ?, hours_done = ?,"
                            + " rows_loaded = ? where run_id = ? and status = ?")) {
                ps.setString(1, FAILED);
                ps.setString(2, ts(now));
                ps.setString(3, "the process stopped while this run was active; its unfinished chunk was rolled back"
                        + " and the chunks it committed stay");
                ps.setInt(4, (int) hours);
                ps.setLong(5, rows);
                ps.setString(6, run.getKey());
                ps.setString(7, RUNNING);
                ps.executeUpdate();
            }
        }
        return interrupted.size();
    }

    public long count() throws SQLException {
        writePending();
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement("select count(*) from pipeline_runs");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Newest first. */
    public List<Run> list(int limit, int offset) throws SQLException {
        writePending();
        List<Run> runs = new ArrayList<>();
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(
                select() + " order by started_at desc, run_id desc limit ? offset ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs, List.of()));
                }
            }
        }
        return runs;
    }

    public Optional<Run> find(String runId) throws SQLException {
        writePending();
        try (Connection c = warehouse.connect()) {
            // the run's row first, then its steps: finished() commits a run's status and steps together, so a
            // finished status read here means its steps are visible too (read the other way round, a client
            // polling for the end could see "succeeded" with no steps)
            List<Step> steps = new ArrayList<>();
            Run run;
            try (PreparedStatement ps = c.prepareStatement(select() + " where run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    run = run(rs, steps);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select step_name, status, rows_affected, duration_ms, error_message"
                    + " from pipeline_run_steps where run_id = ? order by step_order")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long rows = rs.getLong(3);
                        steps.add(new Step(rs.getString(1), rs.getString(2), rs.wasNull() ? null : rows, rs.getLong(4),
                                rs.getString(5)));
                    }
                }
            }
            return Optional.of(run);
        }
    }

    private static String select() {
        return "select run_id, trigger_name, status, cast(hours_from as varchar), cast(hours_to as varchar),"
                + " hours_requested, hours_done, rows_loaded, cast(started_at as varchar), cast(finished_at as varchar),"
                + " duration_ms, failed_step, cast(failed_hour as varchar), error_message from pipeline_runs";
    }

    private Run run(ResultSet rs, List<Step> steps) throws SQLException {
        long duration = rs.getLong(11);
        Long durationMs = rs.wasNull() ? null : duration;
        String runId = rs.getString(1);
        String[] kept = RUNNING.equals(rs.getString(3)) ? keptOutcomes.get(runId) : null;
        return new Run(runId, rs.getString(2), kept != null ? kept[0] : rs.getString(3), iso(rs.getString(4)),
                iso(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getLong(8), iso(rs.getString(9)),
                iso(rs.getString(10)), durationMs, kept != null ? kept[1] : rs.getString(12), iso(rs.getString(13)),
                kept != null ? kept[2] : rs.getString(14), steps);
    }

    /** '2026-11-23 14:00:00[.123]' as ISO-8601 UTC '2026-11-23T14:00:00Z' (milliseconds kept when present). */
    static String iso(String sqlTimestamp) {
        if (sqlTimestamp == null) {
            return null;
        }
        String t = sqlTimestamp.replace(' ', 'T');
        int dot = t.indexOf('.');
        if (dot > 0 && t.length() > dot + 4) {
            t = t.substring(0, dot + 4);
        }
        return t + "Z";
    }
}
