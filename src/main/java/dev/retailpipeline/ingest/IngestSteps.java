package dev.retailpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.warehouse.RunLedger;
import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of routes/ingest.camel.yaml that need Java: the fetch's query, the split by table, the bulk
 * load's transaction, and closing the run in the ledger (succeeded, or failed through the dead letter route).
 * One run at a time (see {@link RunCoordinator}), so one loader serves every run.
 */
public final class IngestSteps {

    static final String CONNECTION = "ingestConnection";
    static final String HOUR_ROWS = "ingestHourRows";
    static final String HOUR_MILLIS = "ingestHourMillis";
    static final String STEP_STARTED = "ingestStepStarted";
    static final String SOURCE_URL = "ingestSourceUrl";
    static final String CHUNKS = "ingestChunks";
    private static final Logger LOG = LoggerFactory.getLogger(IngestSteps.class);

    /** What the ingestion asks the generator for (ingest.seed, ingest.scale, ingest.dirty). */
    public record Source(String url, long seed, double scale, double dirty) {
    }

    private final Warehouse warehouse;
    private final RunLedger ledger;
    private final RunCoordinator coordinator;
    private final Clock clock;
    private final Source source;
    private final RawLoader loader;
    private final BatchSplitter splitter;

    public IngestSteps(Warehouse warehouse, RunLedger ledger, RunCoordinator coordinator, Clock clock, Source source) {
        this.warehouse = warehouse;
        this.ledger = ledger;
        this.coordinator = coordinator;
        this.clock = clock;
        this.source = source;
        this.loader = RawLoaders.forDialect(warehouse.dialect());
        this.splitter = new BatchSplitter(loader.chunkFormat());
    }

    private static IngestRun run(Exchange exchange) {
        IngestRun run = exchange.getProperty(RunTriggers.RUN, IngestRun.class);
        if (run == null) {
            throw new IllegalStateException("no run on this exchange");
        }
        return run;
    }

    /** Sets the GET query for the run's next hour; drops headers left by the trigger (an HTTP POST's, say). */
    public void prepareFetch(Exchange exchange) {
        IngestRun run = run(exchange);
        String hour = ShopHours.format(run.currentHour());
        run.step("fetch");
        var message = exchange.getMessage();
        // keep only the error handler's own headers (the redelivery counter lives there)
        message.getHeaders().keySet().removeIf(name -> !name.startsWith("CamelRedelivery"));
        message.setBody(null);
        exchange.setProperty(SOURCE_URL, sourceUrl(exchange.getContext()));
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_QUERY, "hour=" + hour + "&format=ndjson&seed=" + source.seed()
                + "&scale=" + plain(source.scale()) + "&dirty=" + plain(source.dirty())
                + (run.currentIsSnapshot() ? "&snapshot=true" : ""));
        exchange.setProperty(HOUR_MILLIS, new LinkedHashMap<String, Long>());
        exchange.setProperty(STEP_STARTED, System.nanoTime());
    }

    /** The configured source, or this application's own generator API on the port it really listens on. */
    private String sourceUrl(CamelContext context) {
        if (source.url() != null && !source.url().isBlank()) {
            return source.url();
        }
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("ingest.source-url is empty and the embedded HTTP server is not running");
        }
        return "http://127.0.0.1:" + server.getPort() + "/api/transactions";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    /** Splits the fetched NDJSON by table, marshalled for this warehouse's loader. */
    public StagedBatch split(Exchange exchange) throws IOException {
        IngestRun run = run(exchange);
        lap(exchange, "fetch");
        run.step("split");
        StagedBatch batch;
        try (InputStream body = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            batch = splitter.split(body);
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new MalformedBatchException(0, "the generator answered with an empty body");
        }
        long expected = run.currentHour();
        long got = batch.hour().toEpochSecond(ZoneOffset.UTC) / 3600;
        if (got != expected) {
            throw new MalformedBatchException(1, "asked for hour " + ShopHours.format(expected) + " but the batch is hour "
                    + batch.hourText());
        }
        lap(exchange, "split");
        return batch;
    }

    /** Opens the hour's transaction and removes the hour's earlier rows (a replay replaces them). */
    public void begin(Exchange exchange) throws SQLException {
        IngestRun run = run(exchange);
        run.step("load");
        StagedBatch batch = exchange.getMessage().getBody(StagedBatch.class);
        Connection connection = warehouse.connect();
        exchange.setProperty(CONNECTION, connection);
        exchange.setProperty(HOUR_ROWS, new LinkedHashMap<String, Long>());
        loader.begin(connection, batch, run.runId());
        exchange.setProperty(CHUNKS, new Chunks(batch.allChunks()));
        lap(exchange, "replace hour");
    }

    /** The batch's chunks, table by table; the route's loop walks them on the one exchange. */
    public static final class Chunks {
        private final List<TableChunk> chunks;
        private int next;

        Chunks(List<TableChunk> chunks) {
            this.chunks = chunks;
        }

        public boolean hasNext() {
            return next < chunks.size();
        }

        TableChunk next() {
            return chunks.get(next++);
        }
    }

    /** The next table's chunk, as the body the load step reads. */
    public TableChunk nextTable(Exchange exchange) {
        return exchange.getProperty(CHUNKS, Chunks.class).next();
    }

    /** Bulk-loads one table's chunk inside the hour's transaction. */
    @SuppressWarnings("unchecked")
    public long loadTable(Exchange exchange) throws SQLException {
        IngestRun run = run(exchange);
        TableChunk chunk = exchange.getMessage().getBody(TableChunk.class);
        String step = "load " + chunk.table().rawTable();
        run.step(step);
        long rows = loader.load(chunk);
        exchange.getProperty(HOUR_ROWS, Map.class).merge(chunk.table().rawTable(), rows, (a, b) -> (Long) a + (Long) b);
        lap(exchange, step);
        return rows;
    }

    /** Commits the hour and counts it done. */
    @SuppressWarnings("unchecked")
    public void commit(Exchange exchange) throws SQLException {
        IngestRun run = run(exchange);
        run.step("commit");
        loader.commit();
        lap(exchange, "commit");
        run.hourDone(exchange.getProperty(HOUR_ROWS, Map.class), exchange.getProperty(HOUR_MILLIS, Map.class));
        ledger.progress(run.runId(), run.hoursDone(), run.rowsLoaded());
    }

    /** Always runs after an hour: rolls back what was not committed and closes the connection. */
    public void release(Exchange exchange) throws SQLException {
        Connection connection = exchange.getProperty(CONNECTION, Connection.class);
        exchange.removeProperty(CONNECTION);
        try {
            loader.close();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void lap(Exchange exchange, String step) {
        long now = System.nanoTime();
        Long started = exchange.getProperty(STEP_STARTED, Long.class);
        Map<String, Long> millis = exchange.getProperty(HOUR_MILLIS, Map.class);
        if (started != null && millis != null) {
            millis.merge(step, (now - started) / 1_000_000, Long::sum);
        }
        exchange.setProperty(STEP_STARTED, now);
    }

    /** The run loaded all its hours. */
    public void succeeded(Exchange exchange) throws SQLException {
        IngestRun run = run(exchange);
        // free the slot first: once the ledger says the run ended, a new trigger must be admitted
        coordinator.finish(run);
        ledger.checks(run.runId(), run.checks(), clock.instant());
        ledger.finished(run.runId(), RunLedger.SUCCEEDED, run.hoursDone(), run.rowsLoaded(), run.startedAt(),
                clock.instant(), steps(run, null), null, null, null);
        LOG.info("Run {} succeeded: {} hours, {} rows", run.runId(), run.hoursDone(), run.rowsLoaded());
    }

    /** The dead letter channel: the run failed at its current hour and step, for the reason given. */
    public void failed(Exchange exchange) {
        IngestRun run = exchange.getProperty(RunTriggers.RUN, IngestRun.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(cause);
        if (run == null) {
            LOG.error("A run failed before it was recorded: {}", reason, cause);
            return;
        }
        Long hour = run.hasNextHour() && !run.step().startsWith("etl") ? run.currentHour() : null;
        String step = run.step();
        LOG.error("Run {} failed at hour {} in step {}: {}", run.runId(), hour == null ? "-" : ShopHours.format(hour),
                step, reason, cause);
        coordinator.finish(run);
        try {
            ledger.checks(run.runId(), run.checks(), clock.instant());
            ledger.finished(run.runId(), RunLedger.FAILED, run.hoursDone(), run.rowsLoaded(), run.startedAt(),
                    clock.instant(), steps(run, step), step, hour, reason);
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not record the failure of run {} in the ledger", run.runId(), e);
        }
    }

    private static List<RunLedger.Step> steps(IngestRun run, String failedStep) {
        List<RunLedger.Step> steps = new ArrayList<>();
        Map<String, Long> rows = run.rowsPerTable();
        for (Map.Entry<String, Long> e : run.millisPerStep().entrySet()) {
            String table = e.getKey().startsWith("load ") ? e.getKey().substring(5) : null;
            steps.add(new RunLedger.Step(e.getKey(), RunLedger.SUCCEEDED, table == null ? null : rows.get(table),
                    e.getValue(), null));
        }
        steps.addAll(run.etlSteps());
        if (failedStep != null) {
            steps.add(new RunLedger.Step(failedStep, RunLedger.FAILED, null, 0, null));
        }
        return steps;
    }

    /** A reason a person can act on, without a stack trace. */
    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (cause instanceof HttpOperationFailedException http) {
            String body = http.getResponseBody() == null ? "" : http.getResponseBody().strip();
            if (body.length() > 300) {
                body = body.substring(0, 300) + "...";
            }
            return "the generator answered HTTP " + http.getStatusCode() + " at " + http.getUri()
                    + (body.isEmpty() ? "" : ": " + body);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof org.apache.hc.client5.http.HttpHostConnectException) {
                return "the generator is unreachable: " + t.getMessage();
            }
            if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "the generator did not answer in time: " + t.getMessage();
            }
        }
        if (cause instanceof MalformedBatchException) {
            return "malformed batch: " + cause.getMessage();
        }
        if (cause instanceof SQLException) {
            return "database error: " + cause.getMessage();
        }
        if (cause instanceof dev.retailpipeline.etl.CheckFailedException) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

}
