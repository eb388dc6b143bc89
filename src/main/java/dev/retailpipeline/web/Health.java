package dev.retailpipeline.web;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.Exchange;

/**
 * GET /api/health: up when the warehouse answers a query and the ledger's kept records (see {@link KeptWrites}) are
 * written; names the dialect and the active run.
 */
public final class Health {

    private final Warehouse warehouse;
    private final ActiveRun coordinator;

    private final KeptWrites kept;

    public Health(Warehouse warehouse, ActiveRun coordinator) {
        this(warehouse, coordinator, KeptWrites.NONE);
    }

    /**
     * @param kept the ledger's records kept while its database refused writes: health is DOWN until they are written
     *             (a full disk still answers reads), and each check tries to write them
     */
    public Health(Warehouse warehouse, ActiveRun coordinator, KeptWrites kept) {
        this.warehouse = warehouse;
        this.coordinator = coordinator;
        this.kept = kept;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Health.class);
    private volatile boolean up = true;

    public void check(Exchange exchange) {
        QueryParameters.of(exchange, java.util.Set.of());
        Map<String, Object> body = new LinkedHashMap<>();
        int status = 200;
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            int waiting = kept.writePending();
            if (waiting > 0) {
                throw new java.sql.SQLException("the database answers but refuses writes: " + waiting
                        + " run record(s) kept until it takes them", "53100");
            }
            body.put("status", "UP");
            if (!up) {
                LOG.info("The warehouse answers again");
                up = true;
            }
        } catch (Exception e) {
            status = 503;
            body.put("status", "DOWN");
            // what is wrong, without the connection string or a file path (those are in the log)
            String state = e instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    ? "SQLState " + sql.getSQLState() : e.getClass().getSimpleName();
            body.put("detail", "the warehouse does not answer (" + state + "); the service's log has the cause");
            if (up) {
                LOG.warn("The warehouse does not answer: {}",
                        e.getMessage() == null ? state : e.getMessage().lines().findFirst().orElse(state));
                up = false;
            }
        }
        body.put("warehouse", warehouse.dialect().name().toLowerCase(java.util.Locale.ROOT));
        coordinator.activeRunId().ifPresent(id -> body.put("active_run_id", id));
        JsonReply.write(exchange, status, body);
    }
}
