package dev.retailpipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's first render with a month of data, analytics and pipeline health panel both, each time in a new headless
 * Chromium (a new profile: nothing cached, the charting library compiled from scratch), as DashboardPageTest's
 * aMonthOfData test measures the analytics alone. Prints every try and the medians; timing is printed, not asserted.
 * Not part of the suite (its name does not end in Test): run it with
 * {@code mvn -o -B -q surefire:test -Dtest=FirstRenderBenchmark} (-Dbenchmark.tries=5 by default).
 */
class FirstRenderBenchmark {

    @TempDir
    Path dir;

    @Test
    void firstRenderOfTheAnalyticsAndTheHealthPanelWithAMonthOfData() throws Exception {
        int tries = Integer.getInteger("benchmark.tries", 5);
        try (RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(Instant.parse("2025-01-31T00:10:00Z")),
                Map.of("ingest.initial-backfill-days", "30"))) {
            assertEquals("succeeded", DashboardTestSupport.awaitRun(app, app.post("/api/runs", null)).get("status").asText());
            List<double[]> times = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                try (Browser browser = Browser.open(1280, 900)) {
                    browser.driver.get(app.url("/"));
                    double analytics = await(browser, "dashboardFirstDataRenderMs");
                    double health = await(browser, "dashboardHealthRenderMs");
                    Object marks = browser.js("return performance.getEntriesByType('mark').concat("
                            + "performance.getEntriesByType('paint')).map(function (m) { return m.name + ' ' + Math.round(m.startTime); })"
                            + ".concat(performance.getEntriesByType('resource').filter(function (r) { return /echarts|\\/api\\//.test(r.name); })"
                            + ".map(function (r) { return r.name.replace(/^https?:\\/\\/[^/]+/, '') + ' ' + Math.round(r.startTime) + '-'"
                            + " + Math.round(r.responseEnd); }))");
                    times.add(new double[]{analytics, health, Math.max(analytics, health)});
                    System.out.printf("Try %d: analytics %.0f ms, health panel %.0f ms after navigation start; %s%n",
                            i + 1, analytics, health, marks);
                }
            }
            System.out.printf("First render with a month of data, median of %d new browsers: analytics %.0f ms, health panel"
                    + " %.0f ms, both drawn %.0f ms%n", tries, median(times, 0), median(times, 1), median(times, 2));
        }
    }

    private static double await(Browser browser, String name) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30), Duration.ofMillis(50))
                .until(d -> (Number) browser.js("return window[arguments[0]]", name)).doubleValue();
    }

    private static double median(List<double[]> times, int column) {
        double[] sorted = times.stream().mapToDouble(t -> t[column]).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
