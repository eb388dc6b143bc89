package dev.retailpipeline.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retailpipeline.etl.CheckResult;
import dev.retailpipeline.etl.EtlProgress;
import dev.retailpipeline.ingest.IngestProgress;
import dev.retailpipeline.ingest.RawTable;

/**
 * One run: its chunks and its progress, shared by reference between the steps of its routes (the exchange
 * property {@value IngestProgress#PROPERTY}). What a chunk's steps report is held apart until the chunk commits,
 * so a chunk tried again is not counted twice and a failed one not at all.
 */
public final class Run implements IngestProgress, EtlProgress {

    private final String runId;
    private final String trigger;
    private final List<Chunk> chunks;
    private final Instant startedAt;
    private final int hoursRequested;

    private final Map<String, long[]> steps = new LinkedHashMap<>();
    private final Map<String, Long> rowsPerTable = new LinkedHashMap<>();
    private final Map<String, CheckResult> checks = new LinkedHashMap<>();
    private Map<String, long[]> chunkSteps = new LinkedHashMap<>();
    private Map<String, Long> chunkRows = new LinkedHashMap<>();
    private Map<String, CheckResult> chunkChecks = new LinkedHashMap<>();
    private volatile Chunk current;
    private volatile int hoursDone;
    private volatile String step = "plan";

    private long statements;

    public Run(String runId, String trigger, List<Chunk> chunks, Instant startedAt) {
        this.runId = runId;
        this.trigger = trigger;
        this.chunks = List.copyOf(chunks);
        this.startedAt = startedAt;
        this.hoursRequested = (int) this.chunks.stream().mapToLong(c -> c.hours().hours()).sum();
    }

    public String runId() {
        return runId;
    }

    public String trigger() {
        return trigger;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Hours of all chunks, a snapshot hour included. */
    public int hoursRequested() {
        return hoursRequested;
    }

    public int hoursDone() {
        return hoursDone;
    }

    public Chunk current() {
        return current;
    }

    public String step() {
        return step;
    }

    /** A chunk begins (or begins again): what an earlier attempt reported is forgotten. */
    public synchronized void chunkStarted(Chunk chunk) {
        current = chunk;
        chunkSteps = new LinkedHashMap<>();
        chunkRows = new LinkedHashMap<>();
        chunkChecks = new LinkedHashMap<>();
        step = "begin";
    }

    /** The chunk committed: its figures count. */
    /** The hours and source rows the run will have done once the current chunk commits. */
    public synchronized long[] doneWithCurrentChunk() {
        long rows = rowsLoaded();
        for (RawTable t : RawTable.sourceTables()) {
            rows += chunkRows.getOrDefault(t.rawTable(), 0L);
        }
        return new long[]{hoursDone + current.hours().hours(), rows};
    }

    public synchronized void chunkCommitted() {
        chunkSteps.forEach((name, v) -> {
            long[] total = steps.computeIfAbsent(name, k -> new long[2]);
            total[0] += v[0];
            total[1] += v[1];
        });
        chunkRows.forEach((table, n) -> rowsPerTable.merge(table, n, Long::sum));
        chunkChecks.forEach((name, result) -> checks.merge(name, result, CheckResult::and));
        hoursDone += (int) current.hours().hours();
        chunkSteps = new LinkedHashMap<>();
        chunkRows = new LinkedHashMap<>();
        chunkChecks = new LinkedHashMap<>();
    }

    @Override
    public void step(String name) {
        step = name;
    }

    @Override
    public synchronized void timed(String name, long nanos) {
        chunkSteps.computeIfAbsent(name, k -> new long[2])[0] += nanos;
    }

    @Override
    public synchronized void loaded(RawTable table, long rows) {
        chunkRows.merge(table.rawTable(), rows, Long::sum);
        chunkSteps.computeIfAbsent("load " + table.rawTable(), k -> new long[2])[1] += rows;
    }

    @Override
    public synchronized void sqlStep(String name, long rows, long nanos) {
        long[] v = chunkSteps.computeIfAbsent(name, k -> new long[2]);
        v[0] += nanos;
        v[1] += rows;
    }

    @Override
    public synchronized void check(CheckResult result) {
        chunkChecks.merge(result.check(), result, CheckResult::and);
    }

    /** Adds the statements a committed chunk ran in the warehouse. */
    public synchronized void statementsRan(long n) {
        statements += n;
    }

    /** The statements the committed chunks ran in the warehouse. */
    public synchronized long statements() {
        return statements;
    }

    /** Source rows loaded by committed chunks (the six source tables). */
    public synchronized long rowsLoaded() {
        long n = 0;
        for (RawTable t : RawTable.sourceTables()) {
            n += rowsPerTable.getOrDefault(t.rawTable(), 0L);
        }
        return n;
    }

    /** Rows the current chunk loaded so far (the six source tables). */
    public synchronized long chunkSourceRows() {
        long n = 0;
        for (RawTable t : RawTable.sourceTables()) {
            n += chunkRows.getOrDefault(t.rawTable(), 0L);
        }
        return n;
    }

    /** The checks' verdicts: of committed chunks and, after a failure, of the chunk that failed. */
    public synchronized List<CheckResult> checks(boolean withFailedChunk) {
        Map<String, CheckResult> all = new LinkedHashMap<>(checks);
        if (withFailedChunk) {
            chunkChecks.forEach((name, result) -> all.merge(name, result, CheckResult::and));
        }
        return new ArrayList<>(all.values());
    }

    /**
     * The ledger's steps: each step's time and rows summed over the committed chunks, in first-run order; for a
     * failed run, then the failed chunk's last try: the steps it finished and the one that failed.
     */
    public synchronized List<RunLedger.Step> ledgerSteps(String failedStep) {
        Map<String, long[]> all = new LinkedHashMap<>();
        steps.forEach((name, v) -> all.put(name, v.clone()));
        if (failedStep != null) {
            chunkSteps.forEach((name, v) -> {
                long[] total = all.computeIfAbsent(name, k -> new long[2]);
                total[0] += v[0];
                total[1] += v[1];
            });
            all.remove(failedStep);
        }
        List<RunLedger.Step> out = new ArrayList<>();
        all.forEach((name, v) -> out.add(new RunLedger.Step(name, RunLedger.SUCCEEDED,
                name.startsWith("load ") || name.startsWith("etl ") ? v[1] : null, v[0] / 1_000_000, null)));
        if (failedStep != null) {
            out.add(new RunLedger.Step(failedStep, RunLedger.FAILED, null, 0, null));
        }
        return out;
    }
}
