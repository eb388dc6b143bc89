package dev.retailpipeline.etl;

/** A data check of severity 'fail' found failing rows: the run fails and its marts roll back. */
public class CheckFailedException extends RuntimeException {

    public CheckFailedException(String check, long rows) {
        super("check " + check + " failed: " + rows + " failing row(s)");
    }
}
