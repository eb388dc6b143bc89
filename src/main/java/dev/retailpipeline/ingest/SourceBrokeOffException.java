package dev.retailpipeline.ingest;

/** The source's stream broke off while a chunk was read (the connection dropped): worth trying again. */
public class SourceBrokeOffException extends RuntimeException {

    public SourceBrokeOffException(String message, Throwable cause) {
        super(message, cause);
    }
}
