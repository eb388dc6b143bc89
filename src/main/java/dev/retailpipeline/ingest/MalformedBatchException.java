package dev.retailpipeline.ingest;

/** The batch text is not a well-formed hourly NDJSON batch; nothing of it is loaded. */
public class MalformedBatchException extends RuntimeException {
    private final long line;

    public MalformedBatchException(long line, String problem) {
        super(line > 0 ? "malformed batch at line " + line + ": " + problem : "malformed batch: " + problem);
        this.line = line;
    }

    public MalformedBatchException(long line, String problem, Throwable cause) {
        this(line, problem);
        initCause(cause);
    }

    /** The 1-based line of the problem, or 0 if it concerns the batch as a whole. */
    public long line() {
        return line;
    }
}
