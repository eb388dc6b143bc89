package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.JSON;
import static dev.retailpipeline.dashboard.DashboardTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's pipeline health panel and data docs in real headless Chromium, against the application's own endpoints:
 * what they show after runs on dirty data (freshness, the check grid, quarantine against the manifests, rows per
 * hour, run time by step, every mart with its columns and its lineage), a check made to fail shown red in its run's
 * cell, and what the panel says with no runs and with the warehouse away. With -Dpipeline.screenshots=docs the
 * failing-check test saves docs/pipeline-health.png and docs/data-docs.png.
 */
class PipelinePanelPageTest {

    private static final Instant NOW = Instant.parse("2025-01-04T00:10:00Z");
    /** The green, amber and red of a check's cell (dashboard.css --passed, --warned, --failed). */
    private static final String GREEN = "rgba(58, 166, 117, 1)";
    private static final String RED = "rgba(214, 69, 65, 1)";

    @TempDir
    static Path shared;
    static MovableClock clock;
    static RunningApplication dirty;

    @TempDir
    Path dir;

    /**
     * The shop's second and third days at a 2% dirty rate, in two runs. Starting after the shop's first day, some late
     * orders are dated before the loaded range (the quality view counts them apart, as before_history).
     */
    @BeforeAll
    static void startWithTwoDirtyDays() throws Exception {
        clock = new MovableClock(NOW);
        dirty = DashboardTestSupport.start(shared, clock, Map.of("generator.dirty", "0.02"));
        assertEquals("succeeded", dirty.awaitRun(dirty.post("/api/runs", "{\"from\":\"2025-01-02\",\"to\":\"2025-01-03\"}"))
                .get("status").asText());
        assertEquals("succeeded", dirty.awaitRun(dirty.post("/api/runs", "{\"from\":\"2025-01-03\",\"to\":\"2025-01-04\"}"))
                .get("status").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        if (dirty != null) {
            dirty.close();
        }
    }

    @Test
    void afterRunsThePanelShowsFreshnessEveryChecksVerdictPerRunTheRowsPerHourAndTheRunTimes() throws Exception {
        JsonNode checks = api(dirty, "/api/pipeline/checks?runs=30");
        JsonNode volume = api(dirty, "/api/pipeline/volume?days=7");
        JsonNode steps = api(dirty, "/api/pipeline/steps?runs=10");
        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver.get(dirty.url("/"));
            awaitState(browser, "pipeline-health", "ready");

            // loaded through the end of the last completed hour: fresh, no warning
            assertEquals("2025-01-04 00:00 UTC (end of the last hour loaded)", text(browser, "fresh-through"));
            assertEquals("false", browser.driver.findElement(By.id("freshness")).getAttribute("data-behind"));
            assertFalse(hasClass(browser, "freshness", "warn"));
            JsonNode lastSuccess = api(dirty, "/api/pipeline/freshness").get("last_success");
            assertEquals(lastSuccess.get("run_id").asText() + ", finished " + lastSuccess.get("finished_at").asText()
                    .replace('T', ' ').substring(0, 16) + " UTC", text(browser, "fresh-success"));

            // a row per check, a column per run (oldest left), each cell the check's verdict in that run
            int runs = checks.get("runs").size();
            assertEquals(2, runs);
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#check-grid tbody tr[data-check]"));
            assertEquals(checks.get("checks").size(), rows.size());
            assertTrue(rows.size() >= 10, "every check of sql/90_checks has run: " + rows.size());
            for (JsonNode check : checks.get("checks")) {
                for (int i = 0; i < runs; i++) {
                    JsonNode cell = check.get("cells").get(i);
                    String runId = checks.get("runs").get(i).get("run_id").asText();
                    WebElement td = gridCell(browser, check.get("check").asText(), runId);
                    assertEquals(cell.get("status").asText(), td.getAttribute("data-status"), check + " in " + runId);
                    assertEquals(cell.get("failing_rows").asText(), td.getAttribute("data-failing-rows"));
                }
                List<WebElement> cells = browser.driver.findElements(By.cssSelector(
                        "#check-grid tr[data-check='" + check.get("check").asText() + "'] td"));
                assertEquals(checks.get("runs").get(runs - 1).get("run_id").asText(), cells.get(0).getAttribute("data-run-id"),
                        "the oldest run is the first column");
            }
            WebElement passed = browser.driver.findElement(By.cssSelector("#check-grid td[data-status=passed]"));
            assertEquals(GREEN, passed.getCssValue("background-color"));

            // rows per hour: the loaded and the source's rows as the API has them
            assertEquals(values(volume.get("hours"), "loaded"), chartSeries(browser, "volume-chart", 0));
            assertEquals(values(volume.get("hours"), "source"), chartSeries(browser, "volume-chart", 1));
            assertTrue(volume.get("hours").size() >= 48, "two days of hours: " + volume.get("hours").size());

            // run time: a bar per run, oldest left, its stacked steps adding up to the run's step times
            @SuppressWarnings("unchecked")
            List<Number> totals = (List<Number>) browser.js("var o = echarts.getInstanceByDom(document.getElementById('steps-chart'))"
                    + ".getOption(); return o.xAxis[0].data.map(function (x, i) { return o.series.reduce(function (s, series) {"
                    + " return s + series.data[i]; }, 0); })");
            List<Long> expected = new ArrayList<>();
            for (JsonNode run : steps.get("runs")) {
                long sum = 0;
                for (JsonNode ms : run.get("steps")) {
                    sum += ms.asLong();
                }
                expected.add(0, sum);
            }
            assertEquals(expected, totals.stream().map(Number::longValue).toList());

            // the clock a day on: 24 hours behind, shown as a warning
            clock.advance(Duration.ofHours(24));
            try {
                browser.driver.navigate().refresh();
                awaitState(browser, "pipeline-health", "ready");
                assertEquals("true", browser.driver.findElement(By.id("freshness")).getAttribute("data-behind"));
                assertTrue(hasClass(browser, "freshness", "warn"));
                assertTrue(text(browser, "fresh-behind").startsWith("24 hours behind"), text(browser, "fresh-behind"));
            } finally {
                clock.advance(Duration.ofHours(-24));
            }
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    /**
     * With dirty data on, every kind of bad row is caught: the quarantine holds every row the manifests say was
     * injected, but the late rows dated before the snapshot the warehouse started from (no cleaning can tell those from
     * a later status of an order placed before the history); the page shows the API's counts and each kind caught in
     * full, and calls out no difference.
     */
    @Test
    void withDirtyDataThePageShowsEveryInjectedKindCaughtInFull() throws Exception {
        JsonNode quality = api(dirty, "/api/pipeline/quality");
        assertTrue(quality.get("injected").asLong() > 0, "the 2% dirty rate injected rows: " + quality);
        assertTrue(quality.get("before_history").asLong() > 0,
                "the range starts after the shop's first day, so some late rows are dated before it: " + quality);
        assertEquals(0, quality.get("differences").size(), "every kind caught: " + quality);
        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver.get(dirty.url("/#pipeline-health"));
            awaitState(browser, "pipeline-health", "ready");
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#quality-kinds tbody tr[data-kind]"));
            assertEquals(quality.get("kinds").size(), rows.size());
            for (JsonNode kind : quality.get("kinds")) {
                String table = kind.get("table").asText();
                String name = kind.get("kind").asText();
                WebElement row = browser.driver.findElement(By.cssSelector(
                        "#quality-kinds tr[data-table='" + table + "'][data-kind='" + name + "']"));
                long injected = kind.get("injected").asLong();
                long catchable = injected - kind.get("before_history").asLong();
                long quarantined = kind.get("quarantined").asLong();
                assertEquals(catchable, quarantined, table + "/" + name + ": " + kind);
                assertEquals(injected, number(row.findElement(By.cssSelector("td.injected")).getText()), table + "/" + name);
                assertEquals(quarantined, number(row.findElement(By.cssSelector("td.quarantined")).getText()), table + "/" + name);
                assertTrue(row.findElement(By.cssSelector("td.caught")).getText().startsWith("all " + String.format("%,d", catchable)),
                        table + "/" + name + " is shown caught in full");
                assertFalse(row.getAttribute("class").contains("differs"), table + "/" + name);
            }
            assertEquals(0, browser.driver.findElements(By.cssSelector("#quality-differences li")).size());
            long catchable = quality.get("injected").asLong() - quality.get("before_history").asLong();
            assertEquals("Caught " + String.format("%,d", catchable) + " of " + String.format("%,d", catchable)
                    + " injected bad rows.", text(browser, "quality-summary"));
            assertTrue(text(browser, "quality-before-history").startsWith(
                    String.format("%,d", quality.get("before_history").asLong()) + " injected late rows are dated before"));
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    @Test
    void theDataDocsListEveryMartWithItsColumnsAndTheLineageLinksTheStagingAndDimensionsToTheSales() throws Exception {
        Map<String, List<String>> marts = new LinkedHashMap<>();
        for (Map<String, Object> row : query(dirty.warehouse(), "select table_name, column_name from information_schema.columns"
                + " where table_name like 'dim\\_%' escape '\\' or table_name like 'fct\\_%' escape '\\'"
                + " order by table_name, ordinal_position")) {
            marts.computeIfAbsent((String) row.get("table_name"), t -> new ArrayList<>()).add((String) row.get("column_name"));
        }
        assertTrue(marts.keySet().containsAll(List.of("dim_customer", "dim_product", "dim_store", "dim_date",
                "dim_payment_method", "fct_sales", "fct_orders")), marts.keySet().toString());
        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver.get(dirty.url("/"));
            awaitState(browser, "pipeline-health", "ready");
            assertEquals("waiting", browser.driver.findElement(By.id("data-docs")).getAttribute("data-state"),
                    "the docs wait until their section is near the screen");
            browser.js("document.getElementById('data-docs').scrollIntoView()");
            awaitState(browser, "data-docs", "ready");

            for (Map.Entry<String, List<String>> mart : marts.entrySet()) {
                String model = "#models details[data-model='" + mart.getKey() + "']";
                assertEquals(1, browser.driver.findElements(By.cssSelector(model)).size(), mart.getKey() + " is listed");
                assertEquals(mart.getValue(), browser.js("return Array.prototype.map.call(document.querySelectorAll(arguments[0]),"
                        + " function (tr) { return tr.getAttribute('data-column'); })", model + " tr[data-column]"), mart.getKey());
            }
            // the lineage is drawn with ECharts' full build, which the page keeps to itself (window.echarts is the common one)
            assertEquals("graph", browser.js("return pipelinePanel.charts.lineage.getOption().series[0].type"));
            assertEquals(List.of("stg_order_items", "dim_product"), browser.js("var links = pipelinePanel.charts.lineage"
                    + ".getOption().series[0].links; return ['stg_order_items', 'dim_product',"
                    + " 'fct_sales'].filter(function (from) { return links.some(function (l) { return l.source === from"
                    + " && l.target === 'fct_sales'; }); })"));

            // a click on fct_sales's node opens its details
            WebElement fctSales = browser.driver.findElement(By.cssSelector("#models details[data-model='fct_sales']"));
            assertFalse(fctSales.getDomProperty("open").equals("true"));
            @SuppressWarnings("unchecked")
            List<Number> at = (List<Number>) browser.js("var chart = pipelinePanel.charts.lineage;"
                    + " var data = chart.getModel().getSeriesByIndex(0).getData(); var i = data.indexOfName('fct_sales');"
                    + " var box = document.getElementById('lineage').getBoundingClientRect();"
                    + " var p = chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(i));"
                    + " return [p[0] - box.width / 2, p[1] - box.height / 2];");
            browser.js("document.getElementById('lineage').scrollIntoView()");
            new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("lineage")),
                    at.get(0).intValue(), at.get(1).intValue()).click().perform();
            new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> "true".equals(fctSales.getDomProperty("open")));
            assertEquals("fct_sales", browser.driver.findElement(By.id("data-docs")).getAttribute("data-open-model"));
            assertTrue(fctSales.getText().contains("30_facts/10_fct_sales.sql"), "the file that builds it: " + fctSales.getText());
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    /**
     * A check edited (in the application's SQL folder) to return three rows fails the next run: its cell in that run's
     * column is red with 3, the run before is green, and the cell opens the run with its error.
     */
    @Test
    void aCheckMadeToFailIsRedInItsRunsCellAndTheCellOpensTheRun() throws Exception {
        Path sql = dir.resolve("sql");
        copy(Path.of("sql"), sql);
        MovableClock runClock = new MovableClock(NOW);
        try (RunningApplication app = DashboardTestSupport.start(dir, runClock,
                Map.of("sql.dir", sql.toString(), "generator.dirty", "0.02"))) {
            String good = app.awaitRun(app.post("/api/runs", "{\"from\":\"2025-01-02T00\",\"to\":\"2025-01-03T00\"}"))
                    .get("run_id").asText();
            runClock.advance(Duration.ofHours(1));
            app.awaitRun(app.post("/api/runs", "{\"from\":\"2025-01-03T00\",\"to\":\"2025-01-03T12\"}"));
            Path check = sql.resolve("90_checks/51_sales_line_arithmetic.sql");
            String original = Files.readString(check);
            Files.writeString(check, "-- severity: fail\n-- made to fail by the test: three of the window's sales lines\n"
                    + "select order_id, line_number from fct_sales where in_window(batch_hour) order by order_id, line_number limit 3\n");
            runClock.advance(Duration.ofHours(1));
            JsonNode failed = app.awaitRun(app.post("/api/runs", "{\"from\":\"2025-01-03T12\",\"to\":\"2025-01-04T00\"}"));
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            String bad = failed.get("run_id").asText();
            Files.writeString(check, original);
            runClock.advance(Duration.ofHours(1));
            app.awaitRun(app.post("/api/runs", "{\"from\":\"2025-01-03T12\",\"to\":\"2025-01-04T00\"}"));

            try (Browser browser = Browser.open(1280, 900)) {
                browser.driver.get(app.url("/#pipeline-health"));
                awaitState(browser, "pipeline-health", "ready");
                WebElement red = gridCell(browser, "51_sales_line_arithmetic", bad);
                assertEquals("failed", red.getAttribute("data-status"));
                assertEquals("3", red.getText());
                assertEquals(RED, red.getCssValue("background-color"));
                assertTrue(red.getAttribute("title").contains("3 failing rows"), red.getAttribute("title"));
                WebElement green = gridCell(browser, "51_sales_line_arithmetic", good);
                assertEquals("passed", green.getAttribute("data-status"));
                assertEquals(GREEN, green.getCssValue("background-color"));
                assertEquals(4, browser.driver.findElements(By.cssSelector(
                        "#check-grid tr[data-check='51_sales_line_arithmetic'] td[data-status]")).size());

                red.click();
                WebElement run = browser.driver.findElement(By.id("check-run"));
                new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> "ready".equals(run.getAttribute("data-state")));
                assertEquals(bad, run.getAttribute("data-run-id"));
                assertEquals("failed", run.getAttribute("data-status"));
                assertTrue(run.getText().contains(failed.get("error").get("message").asText().lines().findFirst().orElseThrow()),
                        run.getText());
                assertTrue(run.getText().contains("check 51_sales_line_arithmetic failed"), run.getText());
                assertEquals(List.of(), browser.scriptErrors());

                String screenshots = System.getProperty("pipeline.screenshots");
                if (screenshots != null) {
                    saveScreenshots(browser, Path.of(screenshots));
                }
            }
        }
    }

    @Test
    void withNoRunsYetThePanelSaysSoAndNoScriptFails() throws Exception {
        try (Browser browser = Browser.open(1280, 900);
             RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(NOW), Map.of())) {
            browser.driver.get(app.url("/#pipeline-health"));
            awaitState(browser, "pipeline-health", "empty");
            assertTrue(text(browser, "health-message").startsWith("No runs yet"), text(browser, "health-message"));
            assertEquals("nothing loaded yet", text(browser, "fresh-through"));
            assertEquals("Nothing loaded yet.", text(browser, "quality-summary"));
            assertEquals(0, browser.driver.findElements(By.cssSelector("#check-grid td[data-status]")).size());
            browser.js("document.getElementById('data-docs').scrollIntoView()");
            awaitState(browser, "data-docs", "ready");
            assertEquals(1, browser.driver.findElements(By.cssSelector("#models details[data-model='fct_sales']")).size(),
                    "the models exist before any run");
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    @Test
    void withTheWarehouseAwayThePanelAndTheDocsSayItIsNotAnsweringAndThePageStillLoads() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (Browser browser = Browser.open(1280, 900);
             RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(NOW), Map.of(
                     "warehouse.url", "jdbc:postgresql://127.0.0.1:" + closed + "/retail?connectTimeout=2",
                     "warehouse.user", "retail", "warehouse.password", "away"))) {
            assertEquals(503, app.get("/api/pipeline/freshness").statusCode());
            browser.driver.get(app.url("/#pipeline-health"));
            awaitState(browser, "pipeline-health", "unavailable");
            assertTrue(text(browser, "health-message").startsWith("The warehouse is not answering (HTTP 503)"),
                    text(browser, "health-message"));
            browser.js("document.getElementById('data-docs').scrollIntoView()");
            awaitState(browser, "data-docs", "unavailable");
            assertTrue(text(browser, "docs-message").startsWith("The warehouse is not answering (HTTP 503)"));
            assertTrue(browser.driver.findElement(By.id("generate")).isDisplayed(), "the rest of the page is there");
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    /** docs/pipeline-health.png (the whole panel, 1280 by 2000) and docs/data-docs.png (1280 by 1400). */
    private static void saveScreenshots(Browser browser, Path folder) throws Exception {
        browser.viewport(1280, 2000);
        browser.js("document.getElementById('pipeline-health').scrollIntoView()");
        Thread.sleep(1000);
        browser.screenshot(folder.resolve("pipeline-health.png"));
        browser.viewport(1280, 1400);
        browser.js("document.getElementById('data-docs').scrollIntoView()");
        awaitState(browser, "data-docs", "ready");
        Thread.sleep(1000);
        browser.screenshot(folder.resolve("data-docs.png"));
    }

    private static JsonNode api(RunningApplication app, String path) throws Exception {
        var answer = app.get(path);
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static void awaitState(Browser browser, String id, String state) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60), Duration.ofMillis(100))
                .until(d -> state.equals(d.findElement(By.id(id)).getAttribute("data-state")));
    }

    private static String text(Browser browser, String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private static boolean hasClass(Browser browser, String id, String className) {
        return List.of(browser.driver.findElement(By.id(id)).getAttribute("class").split("\\s+")).contains(className);
    }

    private static WebElement gridCell(Browser browser, String check, String runId) {
        List<WebElement> cells = browser.driver.findElements(By.cssSelector(
                "#check-grid td[data-check='" + check + "'][data-run-id='" + runId + "']"));
        assertEquals(1, cells.size(), check + " in " + runId);
        return cells.get(0);
    }

    private static long number(String shown) {
        return Long.parseLong(shown.replace(",", ""));
    }

    private static List<Long> values(JsonNode rows, String field) {
        List<Long> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get(field).asLong()));
        return out;
    }

    private static List<Long> chartSeries(Browser browser, String chartId, int series) {
        @SuppressWarnings("unchecked")
        List<Number> data = (List<Number>) browser.js("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series[arguments[1]].data", chartId, series);
        assertNotNull(data, chartId);
        return data.stream().map(Number::longValue).toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
