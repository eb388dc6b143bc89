package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static dev.retailpipeline.dashboard.DashboardTestSupport.money;
import static dev.retailpipeline.dashboard.DashboardTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application keeps the analytics answers between runs (AnalyticsCache): a run that loads new hours replaces
 * them before the ledger says it succeeded, so a page that refreshes on "succeeded" shows the new data.
 */
class AnalyticsAfterARunTest {

    @TempDir
    Path dir;

    @Test
    void answersKeptBeforeARunAreReplacedByTheTimeItSucceeds() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-02T00:10:00Z"));
        try (RunningApplication app = DashboardTestSupport.start(dir, clock, Map.of("ingest.initial-backfill-days", "1"))) {
            assertEquals("succeeded", app.awaitRun(app.post("/api/runs", null)).get("status").asText());
            JsonNode first = view(app);
            assertEquals("2025-01-02", first.get("filters").get("to").asText());
            BigDecimal firstDay = revenueInWarehouse(app);
            assertTrue(firstDay.signum() > 0);
            assertEquals(firstDay, money(first.get("summary").get("current").get("revenue")));
            assertEquals(first, view(app), "asked again, the same answer");

            clock.advance(Duration.ofDays(1));
            assertEquals("succeeded", app.awaitRun(app.post("/api/runs", null)).get("status").asText());
            JsonNode second = view(app);
            assertEquals("2025-01-03", second.get("filters").get("to").asText(), "the new day is in the default range");
            BigDecimal bothDays = revenueInWarehouse(app);
            assertTrue(bothDays.compareTo(firstDay) > 0);
            assertEquals(bothDays, money(second.get("summary").get("current").get("revenue")));
            assertEquals(2, second.get("revenue").get("points").size());
            assertEquals(2, queries(app).keptAnswers(), "the run prepared the page's options and view, and the request above was answered from them");
        }
    }

    @Test
    void aRestartPreparesThePagesAnswersFromTheMartsItFinds() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2025-01-02T00:10:00Z"));
        try (RunningApplication app = DashboardTestSupport.start(dir, clock, Map.of("ingest.initial-backfill-days", "1"))) {
            assertEquals("succeeded", app.awaitRun(app.post("/api/runs", null)).get("status").asText());
        }
        try (RunningApplication app = DashboardTestSupport.start(dir, clock, Map.of("dashboard.warm-delay-ms", "50"))) {
            AnalyticsQueries queries = queries(app);
            Instant deadline = Instant.now().plusSeconds(20);
            while (queries.keptAnswers() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertEquals(2, queries.keptAnswers(), "the start-up warm-up kept the options and the view");
        }
    }

    private static AnalyticsQueries queries(RunningApplication app) {
        return app.context().getRegistry().lookupByNameAndType("analyticsQueries", AnalyticsQueries.class);
    }

    private static JsonNode view(RunningApplication app) throws Exception {
        var response = app.get("/api/analytics/view?grain=day"); // the page's own request
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static BigDecimal revenueInWarehouse(RunningApplication app) throws Exception {
        return money(query(app.warehouse(), "select sum(net_amount) as revenue from fct_sales").get(0).get("revenue"));
    }
}
