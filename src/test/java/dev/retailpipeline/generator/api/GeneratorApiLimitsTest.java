package dev.retailpipeline.generator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.retailpipeline.MovableClock;
import dev.retailpipeline.RunningApplication;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.web.LimitExceededException;
import dev.retailpipeline.web.RefusedRequestException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.retailpipeline.time.HourRange;

/**
 * One hour is built in memory, so its answer has a size limit (past it, a 413 naming the property) and only a few
 * are built at once (past them, after a wait, a 503 busy that reaches the client).
 */
class GeneratorApiLimitsTest {

    private static final long START = HourRange.parseHour("2025-01-01T00");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:30:00Z"), ZoneOffset.UTC);

    private static GeneratorApi api(int maxBytes) {
        return api(maxBytes, new HourBuildLimit(2, 1_000));
    }

    private static GeneratorApi api(int maxBytes, HourBuildLimit builds) {
        return new GeneratorApi(new RetailGenerator(new GeneratorConfig(START)),
                new GeneratorDefaults(42, 1, 0, START, 100), CLOCK, new RangeRules(START, 24, CLOCK), maxBytes, builds);
    }

    private static Exchange request(String query) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
        return exchange;
    }

    @Test
    void anHourLargerThanTheLimitIs413NamingTheProperty() {
        assertThatThrownBy(() -> api(64 * 1024).transactions(request("hour=2025-06-01T12&scale=20")))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("generator.max-response-bytes"));
    }

    @Test
    void anHourAskedForWhileEveryBuildIsTakenIs503BusyAfterTheWaitAndAnsweredOnceOneIsFree() throws Exception {
        HourBuildLimit builds = new HourBuildLimit(1, 50);
        GeneratorApi api = api(16 << 20, builds);
        try (HeldBuild held = HeldBuild.of(builds)) {
            assertThatThrownBy(() -> api.transactions(request("hour=2025-06-01T12&scale=1")))
                    .isInstanceOfSatisfying(RefusedRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.error()).isEqualTo("busy");
                        assertThat(e.getMessage()).contains("generator.max-concurrent-hours");
                    });
        }
        Exchange exchange = request("hour=2025-06-01T12&scale=1");
        api.transactions(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).startsWith("{").endsWith("}");
    }

    @Test
    void theBusyAnswerReachesTheClientAsJsonBeforeTheIdleTimeoutClosesItsConnection(@TempDir Path dir) throws Exception {
        try (RunningApplication app = RunningApplication.start(dir, Map.of("generator.start", "2025-01-01T00",
                "generator.max-concurrent-hours", "1", "generator.busy-wait-ms", "500", "http.idle-timeout-seconds", "2"),
                new MovableClock(Instant.parse("2025-01-02T00:10:00Z")))) {
            HourBuildLimit builds = app.context().getRegistry().lookupByNameAndType("hourBuildLimit", HourBuildLimit.class);
            try (HeldBuild held = HeldBuild.of(builds)) {
                var busy = app.get("/api/transactions?hour=2025-01-01T12");
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(busy.body()).contains("\"error\":\"busy\"");
            }
            assertThat(app.get("/api/transactions?hour=2025-01-01T12").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void noPlaceToBuildAnHourIsASettingMistake() {
        assertThatThrownBy(() -> new HourBuildLimit(0, 1_000))
                .hasMessage("generator.max-concurrent-hours must be at least 1, not 0");
    }

    @Test
    void aBusyWaitAsLongAsTheIdleTimeoutRefusesToStart(@TempDir Path dir) {
        assertThatThrownBy(() -> RunningApplication.start(dir, Map.of("generator.busy-wait-ms", "30000",
                "http.idle-timeout-seconds", "30")).close())
                .hasStackTraceContaining("generator.busy-wait-ms (30000) must be shorter than http.idle-timeout-seconds");
    }

    /** The only places of an HourBuildLimit, taken by a build on another thread until closed. */
    private static final class HeldBuild implements AutoCloseable {
        private final CountDownLatch finish = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private Future<?> build;

        static HeldBuild of(HourBuildLimit builds) throws Exception {
            HeldBuild held = new HeldBuild();
            CountDownLatch building = new CountDownLatch(1);
            held.build = held.thread.submit(() -> {
                builds.run(() -> {
                    building.countDown();
                    try {
                        held.finish.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                return null;
            });
            if (!building.await(10, TimeUnit.SECONDS)) {
                held.close();
                throw new AssertionError("the held build did not start");
            }
            return held;
        }

        @Override
        public void close() throws Exception {
            finish.countDown();
            try {
                build.get(10, TimeUnit.SECONDS);
            } finally {
                thread.shutdownNow();
            }
        }
    }

    @Test
    void anHourWithinTheLimitIsAnsweredWhole() throws Exception {
        Exchange exchange = request("hour=2025-06-01T12&scale=1");
        api(16 << 20).transactions(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).startsWith("{").endsWith("}");
    }
}
