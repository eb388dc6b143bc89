package dev.retailpipeline.web;

import java.util.Map;

/** A request that conflicts with the current state (a run is already active): HTTP 409. */
public class ConflictException extends RuntimeException {

    private final Map<String, Object> details;

    public ConflictException(String detail, Map<String, Object> details) {
        super(detail);
        this.details = Map.copyOf(details);
    }

    public Map<String, Object> details() {
        return details;
    }
}
