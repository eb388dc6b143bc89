package dev.retailpipeline.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.retailpipeline.time.RangeException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception caught by a route into an HTTP error with a JSON body
 * {@code {"error": ..., "detail": ...}}. Never a stack trace to the client.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final int MAX_TEXT = 300;

    /** Called by the routes' error configuration with the caught exception. */
    public void respond(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (cause instanceof RangeException range) {
            status = range.limit() == null ? 400 : 413;
            body.put("error", range.limit() == null ? "bad_parameter" : "limit_exceeded");
            body.put("detail", range.getMessage());
            body.put("parameter", range.parameter());
            if (range.limit() != null) {
                body.put("limit", range.limit());
            }
        } else if (cause instanceof BadRequestException bad) {
            status = bad.status();
            body.put("error", bad.error());
            body.put("detail", bad.getMessage());
            if (bad.parameter() != null) {
                body.put("parameter", bad.parameter());
            }
            if (bad instanceof LimitExceededException over) {
                body.put("limit", over.limit());
            }
        } else if (cause instanceof ConflictException conflict) {
            status = 409;
            body.put("error", "conflict");
            body.put("detail", conflict.getMessage());
            body.putAll(conflict.details());
        } else if (cause instanceof UnauthorizedException refused) {
            status = 401;
            body.put("error", "unauthorized");
            body.put("detail", refused.getMessage());
        } else if (cause instanceof NotFoundException missing) {
            status = 404;
            body.put("error", "not_found");
            body.put("detail", missing.getMessage());
        } else if (sqlCause(cause) != null) {
            java.sql.SQLException sql = sqlCause(cause);
            // the warehouse (or the ledger's database) did not answer: the caller may retry; /api/health says more
            status = 503;
            LOG.warn("{} answered 503: the warehouse did not answer: {}", exchange.getMessage().getHeader(Exchange.HTTP_URI),
                    firstLine(sql.getMessage()));
            body.put("error", "warehouse_unavailable");
            body.put("detail", "the warehouse did not answer; see /api/health, and try again once it does");
        } else {
            status = 500;
            LOG.error("Unexpected error answering {}", exchange.getMessage().getHeader(Exchange.HTTP_URI), cause);
            body.put("error", "internal_error");
            body.put("detail", "the server failed to answer this request; see its log");
        }
        // input quoted back is bounded: a detail or a parameter name is at most a few hundred characters
        body.replaceAll((k, v) -> v instanceof String text && text.length() > MAX_TEXT
                ? text.substring(0, MAX_TEXT) + "... (" + text.length() + " characters)" : v);
        JsonReply.write(exchange, status, body);
        if (status == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"retail-pipeline\"");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The database error behind a failure, if any (a query step may wrap it). */
    private static java.sql.SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
