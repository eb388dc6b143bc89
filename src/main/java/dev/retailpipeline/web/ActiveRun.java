package dev.retailpipeline.web;

import java.util.Optional;

/** Which run is active, for health and metrics; the run coordinator answers it. */
public interface ActiveRun {

    Optional<String> activeRunId();
}
