package dev.retailpipeline.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retailpipeline.etl.EtlSteps;
import dev.retailpipeline.warehouse.RunLedger;

/**
 * One run of the pipeline: the hours it loads, in order, and its progress. Shared by reference between the
 * steps of the ingestion routes (an exchange property), so the error channel knows the hour and the step
 * that failed. Counters move only when an hour commits, so a retried hour is not counted twice.
 */
public final class IngestRun {

    private final String runId;
    private final String trigger;
    private final List<Long> hours;
    private final Instant startedAt;
    private final Map<String, Long> rowsPerTable = new LinkedHashMap<>();
    private final Map<String, Long> millisPerStep = new LinkedHashMap<>();
    private final List<RunLedger.Step> etlSteps = new java.util.ArrayList<>();
    private final List<EtlSteps.CheckResult> checks = new java.util.ArrayList<>();
    private volatile int next;
    private volatile int done;
    private volatile String step = "plan";

    private final Long snapshotHour;

    public IngestRun(String runId, String trigger, List<Long> hours, Instant startedAt) {
        this(runId, trigger, hours, startedAt, null);
    }

    /**
     * A run whose first hour is a snapshot: the shop's stores, customers and products as of that hour, loaded
     * before the range when the warehouse holds nothing earlier (see {@link RunPlanner#withSnapshot}).
     */
    public IngestRun(String runId, String trigger, List<Long> hours, Instant startedAt, Long snapshotHour) {
        this.runId = runId;
        this.trigger = trigger;
        this.hours = List.copyOf(hours);
        this.startedAt = startedAt;
        this.snapshotHour = snapshotHour;
    }

    /** Whether the hour the next iteration loads is the snapshot. */
    public boolean currentIsSnapshot() {
        return snapshotHour != null && hasNextHour() && currentHour() == snapshotHour;
    }

    public String runId() {
        return runId;
    }

    public String trigger() {
        return trigger;
    }

    public List<Long> hours() {
        return hours;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean hasNextHour() {
        return next < hours.size();
    }

    /** The hour the next iteration loads; advances only when {@link #hourDone()} is called. */
    public long currentHour() {
        return hours.get(next);
    }

    public synchronized void hourDone(Map<String, Long> rows, Map<String, Long> millis) {
        rows.forEach((table, n) -> rowsPerTable.merge(table, n, Long::sum));
        millis.forEach((s, ms) -> millisPerStep.merge(s, ms, Long::sum));
        next++;
        done++;
    }

    public int hoursRequested() {
        return hours.size();
    }

    public int hoursDone() {
        return done;
    }

    public String step() {
        return step;
    }

    public void step(String name) {
        this.step = name;
    }

    public synchronized Map<String, Long> rowsPerTable() {
        return new LinkedHashMap<>(rowsPerTable);
    }

    public synchronized Map<String, Long> millisPerStep() {
        return new LinkedHashMap<>(millisPerStep);
    }

    /** A step of the ETL chain, in the order the steps ran. */
    public synchronized void recordStep(String name, long rows, long millis) {
        etlSteps.add(new RunLedger.Step(name, RunLedger.SUCCEEDED, rows, millis, null));
    }

    public synchronized void recordCheck(EtlSteps.CheckResult result) {
        checks.add(result);
    }

    /** Forgets the ETL's steps and checks (before the chain is tried again). */
    public synchronized void clearEtl() {
        etlSteps.clear();
        checks.clear();
    }

    public synchronized List<RunLedger.Step> etlSteps() {
        return List.copyOf(etlSteps);
    }

    public synchronized List<EtlSteps.CheckResult> checks() {
        return List.copyOf(checks);
    }

    public long rowsLoaded() {
        return rowsPerTable().values().stream().mapToLong(Long::longValue).sum();
    }
}
