package dev.retailpipeline.ingest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Admits one run at a time; a second trigger sees the active run instead of queueing a duplicate. */
public final class RunCoordinator {

    private final AtomicReference<IngestRun> active = new AtomicReference<>();

    /** Takes the single run slot; empty if a run holds it (then {@link #active()} names that run). */
    public boolean tryBegin(IngestRun run) {
        return active.compareAndSet(null, run);
    }

    public Optional<IngestRun> active() {
        return Optional.ofNullable(active.get());
    }

    public void finish(IngestRun run) {
        active.compareAndSet(run, null);
    }
}
