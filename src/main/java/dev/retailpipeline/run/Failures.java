package dev.retailpipeline.run;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.util.Locale;

import dev.retailpipeline.etl.CheckFailedException;
import dev.retailpipeline.ingest.MalformedBatchException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Why a run failed, and whose fault it is: a permanent failure (trying again gives the same answer: a broken SQL
 * file, a failed check, a malformed batch, a 4xx from the generator) is not retried; a transient one (the
 * generator or the warehouse away for a moment) is retried with backoff. The reason names the party: the
 * warehouse, the generator, a SQL step or check, the batch.
 */
public final class Failures {

    /** For the routes' onWhen: the exception caught on this exchange is permanent. */
    public boolean isPermanent(Exchange exchange) {
        Throwable cause = exchange.getException();
        if (cause == null) {
            cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return permanent(cause);
    }

    static boolean permanent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CheckFailedException) {
                return true;
            }
            if (t instanceof HttpOperationFailedException http && http.getStatusCode() >= 400 && http.getStatusCode() < 500) {
                return true;
            }
            if (t instanceof SQLException sql && isBrokenStatement(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Syntax, name and type errors: the SQL itself is wrong (PostgreSQL classes 42 and 22, DuckDB's own kinds). */
    static boolean isBrokenStatement(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("42") || state.startsWith("22"))) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.startsWith("parser error") || message.startsWith("binder error")
                || message.startsWith("catalog error") || message.startsWith("conversion error");
    }

    /**
     * The step that failed: the fetch for an HTTP failure or a network fault of the source (the fetch has no
     * step of its own in the run's progress, which still names the step before it), else the run's current step.
     */
    static String failedStep(Throwable cause, String current) {
        boolean sql = false;
        boolean network = false;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException) {
                return "fetch";
            }
            sql |= t instanceof SQLException;
            network |= t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof org.apache.hc.client5.http.HttpHostConnectException;
        }
        return network && !sql && "replace hours".equals(current) ? "fetch" : current;
    }

    /** A reason a person can act on, naming the party at fault, without a stack trace or a class name. */
    static String reason(Throwable cause, String step) {
        if (cause == null) {
            return "unknown failure";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CheckFailedException) {
                return t.getMessage();
            }
            if (t instanceof MalformedBatchException) {
                return "the generator sent a " + t.getMessage();
            }
            if (t instanceof dev.retailpipeline.ingest.SourceBrokeOffException) {
                return "the generator's stream broke off: " + bounded(t.getMessage());
            }
            if (t instanceof HttpOperationFailedException http) {
                String body = http.getResponseBody() == null ? "" : http.getResponseBody().strip();
                if (body.length() > 300) {
                    body = body.substring(0, 300) + "...";
                }
                return "the generator answered HTTP " + http.getStatusCode() + " at " + http.getUri()
                        + (body.isEmpty() ? "" : ": " + body);
            }
            if (t instanceof SQLException sql) {
                // a database error: the warehouse is at fault unless the statement itself is broken
                String message = bounded(sql.getMessage());
                if (isBrokenStatement(sql) && step != null && step.startsWith("etl ")) {
                    return "SQL step " + step.substring(4) + " failed: " + message;
                }
                return isBrokenStatement(sql) ? "the warehouse refused a statement: " + message
                        : "the warehouse failed: " + message;
            }
        }
        boolean fetching = step == null || step.equals("fetch") || step.equals("split") || step.startsWith("marshal");
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (fetching && (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof org.apache.hc.client5.http.HttpHostConnectException)) {
                return "the generator is unreachable: " + bounded(t.getMessage());
            }
            if (fetching && (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException)) {
                return "the generator did not answer in time: " + bounded(t.getMessage());
            }
        }
        if (step != null && step.startsWith("etl ")) {
            return "SQL step " + step.substring(4) + " failed: " + bounded(cause.getMessage());
        }
        if (step != null && (step.startsWith("load ") || step.equals("commit") || step.equals("replace hours")
                || step.equals("begin"))) {
            return "the warehouse failed: " + bounded(cause.getMessage());
        }
        return "the run failed in step " + step + ": " + bounded(cause.getMessage());
    }

    private static String bounded(String s) {
        if (s == null) {
            return "(no message)";
        }
        int trace = s.indexOf("\n\tat "); // a server's stack trace carried in the message (Spark's Thrift Server)
        // and no Java class names (java.lang.IllegalStateException: ...) in what a person reads
        String text = (trace < 0 ? s : s.substring(0, trace))
                .replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ", "").strip();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
