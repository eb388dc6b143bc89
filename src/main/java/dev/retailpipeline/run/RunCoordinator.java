package dev.retailpipeline.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.retailpipeline.web.ActiveRun;

/** Admits one run at a time; a second trigger sees the active run instead of queueing a duplicate. */
public final class RunCoordinator implements ActiveRun {

    private final AtomicReference<Run> active = new AtomicReference<>();

    /** Takes the single run slot; false if a run holds it (then {@link #active()} names that run). */
    public boolean tryBegin(Run run) {
        return active.compareAndSet(null, run);
    }

    public Optional<Run> active() {
        return Optional.ofNullable(active.get());
    }

    @Override
    public Optional<String> activeRunId() {
        return active().map(Run::runId);
    }

    public void finish(Run run) {
        active.compareAndSet(run, null);
    }
}
