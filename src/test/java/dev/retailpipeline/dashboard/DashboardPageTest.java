package dev.retailpipeline.dashboard;

import static dev.retailpipeline.dashboard.DashboardTestSupport.money;
import static dev.retailpipeline.dashboard.DashboardTestSupport.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium: on an empty warehouse, Generate starts a run, the page follows it and
 * then shows the revenue the warehouse holds; a category filter changes the charts and the URL, and the URL
 * reloads to the same view. Saves target/dashboard.png and prints the time of the first render with data.
 */
class DashboardPageTest {

    private static final String EXTERNAL = "https://adb-123.azuredatabricks.net/sql/dashboardsv3/01ef?o=1";

    @TempDir
    Path dir;

    @Test
    void generateLoadsDataAndTheFiltersLiveInTheUrl() throws Exception {
        try (Browser browser = Browser.open(1280, 900);
             RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(Instant.parse("2025-01-03T00:10:00Z")),
                     Map.of("ingest.initial-backfill-days", "2", "dashboard.external-url", EXTERNAL))) {
            Warehouse warehouse = DashboardTestSupport.warehouse(app);
            browser.driver.get(app.url("/"));
            awaitRefreshes(browser, 1);
            assertEquals("0", revenueShown(browser), "an empty warehouse shows no revenue");
            WebElement external = browser.driver.findElement(By.id("external-link"));
            assertTrue(external.isDisplayed(), "the configured external dashboard is linked");
            assertEquals(EXTERNAL, external.getAttribute("href"));

            browser.driver.findElement(By.id("generate")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(240), Duration.ofMillis(200)).until(d ->
                    browser.driver.findElement(By.id("run-message")).getText().contains("succeeded")
                            && !"0".equals(revenueShown(browser)) && "ready".equals(state(browser)));
            assertTrue(browser.driver.findElement(By.cssSelector("#run-history tbody")).getText().contains("succeeded"));

            BigDecimal inWarehouse = money(query(warehouse, "select sum(net_amount) as revenue from fct_sales").get(0).get("revenue"));
            assertTrue(inWarehouse.signum() > 0);
            assertEquals(inWarehouse, money(revenueShown(browser)), "the figure shown is the warehouse's revenue");
            assertEquals("$" + String.format("%,d", inWarehouse.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact()),
                    browser.driver.findElement(By.cssSelector("#kpi-revenue .value")).getText());
            browser.js("document.getElementById('analytics').scrollIntoView()");
            browser.screenshot(Path.of("target", "dashboard.png"));

            // a category filter: the URL carries it, the charts and the figure narrow to it
            Select categories = new Select(browser.driver.findElement(By.name("category")));
            String category = categories.getOptions().get(2).getAttribute("value");
            int before = refreshes(browser);
            categories.selectByValue(category);
            awaitRefreshes(browser, before + 1);
            String url = browser.driver.getCurrentUrl();
            assertTrue(url.contains("category=" + URLEncoder.encode(category, StandardCharsets.UTF_8)), url);
            assertEquals(List.of(category), chartAxis(browser, "chart-categories", "yAxis"));
            BigDecimal ofCategory = money(query(warehouse, "select sum(s.net_amount) as revenue from fct_sales as s"
                    + " inner join dim_product as p on s.product_key = p.product_key where p.category = ?", category).get(0).get("revenue"));
            assertEquals(ofCategory, money(revenueShown(browser)));
            assertTrue(ofCategory.compareTo(inWarehouse) < 0);
            Object channelsBefore = browser.js("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('chart-channels')).getOption().series[0].data)");

            // the same URL, loaded afresh, gives the same view
            browser.driver.navigate().to(url);
            awaitRefreshes(browser, 1);
            assertEquals(category, new Select(browser.driver.findElement(By.name("category"))).getFirstSelectedOption().getAttribute("value"));
            assertEquals(ofCategory, money(revenueShown(browser)));
            assertEquals(List.of(category), chartAxis(browser, "chart-categories", "yAxis"));
            assertEquals(channelsBefore, browser.js("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('chart-channels')).getOption().series[0].data)"));

            Number firstRender = firstRenderWithData(browser);
            Number domContentLoaded = (Number) browser.js("return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
            System.out.printf("Dashboard first render with data: %.0f ms after navigation start (DOMContentLoaded %.0f ms)%n",
                    firstRender.doubleValue(), domContentLoaded.doubleValue());

            // a narrow screen: everything fits the width, no sideways scrolling
            browser.viewport(390, 844);
            Thread.sleep(300);
            Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Object wide = browser.js("var w = document.documentElement.clientWidth; return Array.prototype.filter.call("
                    + "document.querySelectorAll('body *'), function (e) { return e.getBoundingClientRect().right > w + 1; })"
                    + ".slice(0, 6).map(function (e) { return e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); }).join(', ')");
            browser.screenshot(Path.of("target", "dashboard-narrow.png"));
            assertTrue(overflow.intValue() <= 0, "the page is wider than a narrow screen by " + overflow + " px: " + wide);
        }
    }

    @Test
    void namesWithQuotesAndAngleBracketsAreShownAsText() throws Exception {
        try (Browser browser = Browser.open(1280, 900);
             RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(Instant.parse("2025-01-03T00:10:00Z")), Map.of())) {
            String hostile = "<img src=x onerror=\"window.injected=1\">'";
            browser.driver.get(app.url("/?category=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8)));
            awaitRefreshes(browser, 1);
            assertEquals(hostile, new Select(browser.driver.findElement(By.name("category"))).getFirstSelectedOption().getText());
            assertEquals(0L, ((Number) browser.js("return document.querySelectorAll('main img').length")).longValue());
            assertEquals(null, browser.js("return window.injected === undefined ? null : window.injected"));
            assertFalse(browser.driver.findElement(By.id("external-link")).isDisplayed(), "no external link when unset");

            browser.driver.get(app.url("/?channel=fax"));
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> "error".equals(state(browser)));
            assertTrue(browser.driver.findElement(By.id("filter-message")).getText().contains("channel"));
        }
    }

    @Test
    void withAWriteTokenGenerateAsksForItThenStartsTheRun() throws Exception {
        try (Browser browser = Browser.open(1280, 900);
             RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(Instant.parse("2025-01-01T06:10:00Z")),
                     Map.of("api.token", "page-token-1", "ingest.initial-backfill-days", "1"))) {
            browser.driver.get(app.url("/"));
            awaitRefreshes(browser, 1);
            WebElement field = browser.driver.findElement(By.id("write-token"));
            assertTrue(field.isDisplayed(), "the page asks for the token the server needs");

            field.sendKeys("not-the-token");
            browser.driver.findElement(By.id("generate")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d ->
                    browser.driver.findElement(By.id("run-message")).getText().contains("write token"));
            assertTrue(app.get("/api/runs").body().contains("\"runs\":[]"), "a refused token starts no run");

            field.clear();
            field.sendKeys("page-token-1");
            browser.driver.findElement(By.id("generate")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(120), Duration.ofMillis(200)).until(d ->
                    browser.driver.findElement(By.id("run-message")).getText().contains("succeeded"));
        }
    }

    /**
     * A month of data: the page opens on the last 14 days of it, with the warehouse's revenue for them and a cell
     * for every weekday and hour, and its pipeline panel with the run's checks and the hour loaded through. Prints the time of the first render with data for a browser that has never seen
     * the page (a new profile: nothing cached, the charting library compiled from scratch) and for a reload, the
     * figure the README quotes; timing is printed, not asserted. Saves target/dashboard-month.png, and with
     * -Ddashboard.screenshot=docs/dashboard.png the README's picture.
     */
    @Test
    void aMonthOfDataOpensOnItsLastTwoWeeksAndTheFirstRenderIsPrinted() throws Exception {
        try (Browser browser = Browser.open(1280, 900);
             RunningApplication app = DashboardTestSupport.start(dir, new MovableClock(Instant.parse("2025-01-31T00:10:00Z")),
                     Map.of("ingest.initial-backfill-days", "30", "dashboard.external-url", EXTERNAL))) {
            DashboardTestSupport.awaitRun(app, app.post("/api/runs", null));
            browser.driver.get(app.url("/"));
            awaitRefreshes(browser, 1);
            double fresh = firstRenderWithData(browser);

            String from = browser.driver.findElement(By.cssSelector("#filters [name=from]")).getDomProperty("value");
            String to = browser.driver.findElement(By.cssSelector("#filters [name=to]")).getDomProperty("value");
            assertEquals("2025-01-17", from, "the default range is the last 14 days with sales");
            assertEquals("2025-01-30", to);
            BigDecimal inWarehouse = money(query(DashboardTestSupport.warehouse(app),
                    "select sum(net_amount) as revenue from fct_sales where date_key between 20250117 and 20250130").get(0).get("revenue"));
            assertEquals(inWarehouse, money(revenueShown(browser)));
            assertEquals(168L, ((Number) browser.js("return echarts.getInstanceByDom(document.getElementById('chart-heatmap'))"
                    + ".getOption().series[0].data.length")).longValue(), "a cell for every weekday and hour");

            // the pipeline panel renders beside the month: a cell per check of the run, the hour loaded through
            new WebDriverWait(browser.driver, Duration.ofSeconds(60), Duration.ofMillis(100)).until(d ->
                    "ready".equals(d.findElement(By.id("pipeline-health")).getAttribute("data-state")));
            var checks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.get("/api/pipeline/checks").body());
            assertTrue(checks.get("checks").size() > 10, checks.toString());
            assertEquals(checks.get("checks").size(), browser.driver.findElements(By.cssSelector(
                    "#check-grid td[data-status='passed'], #check-grid td[data-status='warned']")).size(),
                    "one run, every check passed or warned");
            assertTrue(browser.driver.findElement(By.id("freshness")).getText().contains("2025-01-31 00:00"),
                    browser.driver.findElement(By.id("freshness")).getText());

            browser.driver.navigate().refresh();
            awaitRefreshes(browser, 1);
            double reloaded = firstRenderWithData(browser);
            System.out.printf("Dashboard first render with a month of data: %.0f ms after navigation start in a new browser"
                    + " profile, %.0f ms on a reload%n", fresh, reloaded);

            browser.js("document.getElementById('analytics').scrollIntoView()");
            Thread.sleep(1000);
            browser.screenshot(Path.of("target", "dashboard-month.png"));
            String readme = System.getProperty("dashboard.screenshot");
            if (readme != null) {
                browser.screenshot(Path.of(readme));
            }
        }
    }

    /** Milliseconds from navigation to the first painted frame with data, as the page measures it. */
    private static double firstRenderWithData(Browser browser) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(10), Duration.ofMillis(50))
                .until(d -> (Number) browser.js("return window.dashboardFirstDataRenderMs")).doubleValue();
    }

    private static String revenueShown(Browser browser) {
        return browser.driver.findElement(By.id("kpi-revenue")).getAttribute("data-value");
    }

    private static String state(Browser browser) {
        return browser.driver.findElement(By.tagName("body")).getAttribute("data-state");
    }

    private static int refreshes(Browser browser) {
        String n = browser.driver.findElement(By.tagName("body")).getAttribute("data-refreshes");
        return n == null ? 0 : Integer.parseInt(n);
    }

    private static void awaitRefreshes(Browser browser, int atLeast) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60), Duration.ofMillis(100))
                .until(d -> refreshes(browser) >= atLeast && "ready".equals(state(browser)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> chartAxis(Browser browser, String chartId, String axis) {
        return (List<Object>) browser.js("return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption()[arguments[1]][0].data",
                chartId, axis);
    }
}
