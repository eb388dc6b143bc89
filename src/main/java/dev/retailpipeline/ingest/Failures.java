package dev.retailpipeline.ingest;

import java.sql.SQLException;
import java.util.Locale;

import dev.retailpipeline.etl.CheckFailedException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Tells a permanent failure (trying again gives the same answer: a broken SQL file, a failed check, a 4xx from
 * the generator) from a transient one, which the error channel retries with backoff.
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
}
