package dev.retailpipeline.run;

/** The service is stopping: a run stops at a chunk boundary, its committed chunks kept, instead of starting another. */
public final class ShuttingDownException extends RuntimeException {

    public ShuttingDownException(String message) {
        super(message);
    }
}
