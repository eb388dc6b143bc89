package dev.retailpipeline.run;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retailpipeline.etl.CheckFailedException;
import dev.retailpipeline.ingest.MalformedBatchException;
import dev.retailpipeline.warehouse.SqlFileException;
import org.apache.camel.Exchange;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
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
            if (t instanceof CheckFailedException || t instanceof SqlFileException
                    || t instanceof DirectConsumerNotAvailableException || t instanceof ShuttingDownException) {
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

    /**
     * SQLState classes of an error in the statement or in the data it computes, not in the database server:
     * cardinality (21), data (22: a value out of range, a division by zero, a bad cast), integrity constraints (23),
     * syntax and names (42), check option (44), a feature the engine lacks (0A), an error the SQL raised (P0).
     * PostgreSQL and Spark's Thrift Server set them.
     */
    private static final Set<String> STATEMENT_CLASSES = Set.of("21", "22", "23", "42", "44", "0A", "P0");

    /** DuckDB's kinds of the same errors (its messages begin with the kind; it sets no SQLState). */
    private static final List<String> STATEMENT_KINDS = List.of("parser error", "binder error", "catalog error",
            "conversion error", "out of range error", "constraint error", "invalid input error", "divide by zero error",
            "mismatch type error", "not implemented error", "syntax error", "dependency error", "sequence error",
            "parameter not resolved error", "decimal error");

    /**
     * The statement itself is at fault (its syntax, names, types, or what it computes from the data): the same
     * statement fails the same way again, so it is not retried, and the SQL step is named as the culprit.
     */
    static boolean isBrokenStatement(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.length() >= 2 && STATEMENT_CLASSES.contains(state.substring(0, 2))) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("invalidated") || message.contains("pending query result")) {
            return false; // DuckDB's "invalid input" of a database a fatal error took down: the warehouse's fault
        }
        return STATEMENT_KINDS.stream().anyMatch(message::startsWith);
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
            if (t instanceof SqlFileException file) {
                return "etl " + file.file();
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
            if (t instanceof CheckFailedException || t instanceof SqlFileException
                    || t instanceof ShuttingDownException) {
                return bounded(t.getMessage());
            }
            if (t instanceof DirectConsumerNotAvailableException missing) {
                java.util.regex.Matcher endpoint = java.util.regex.Pattern.compile("endpoint: (direct:[^\\s.]+)")
                        .matcher(String.valueOf(missing.getMessage()));
                return "no route is running for " + (endpoint.find() ? endpoint.group(1) : "a step of the pipeline")
                        + ": a route file failed to load (see the log), or a route was stopped";
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
