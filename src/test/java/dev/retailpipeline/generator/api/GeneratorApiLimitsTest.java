package dev.retailpipeline.generator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.generator.ShopHours;
import dev.retailpipeline.time.RangeRules;
import dev.retailpipeline.web.LimitExceededException;
import dev.retailpipeline.web.RefusedRequestException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** One hour is built in memory, so its answer has a size limit: past it, a 413 naming the property. */
class GeneratorApiLimitsTest {

    private static final long START = ShopHours.parse("2025-01-01T00");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:30:00Z"), ZoneOffset.UTC);

    private static GeneratorApi api(int maxBytes) {
        return api(maxBytes, new HourBuilds(2, 30_000));
    }

    private static GeneratorApi api(int maxBytes, HourBuilds builds) {
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
        HourBuilds builds = new HourBuilds(1, 50);
        GeneratorApi api = api(16 << 20, builds);
        java.util.concurrent.CountDownLatch building = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                builds.run(() -> {
                    building.countDown();
                    try {
                        finish.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        other.start();
        building.await();
        assertThatThrownBy(() -> api.transactions(request("hour=2025-06-01T12&scale=1")))
                .isInstanceOfSatisfying(RefusedRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.error()).isEqualTo("busy");
                    assertThat(e.getMessage()).contains("generator.max-concurrent-hours");
                });
        finish.countDown();
        other.join();
        Exchange exchange = request("hour=2025-06-01T12&scale=1");
        api.transactions(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).startsWith("{").endsWith("}");
    }

    @Test
    void anHourWithinTheLimitIsAnsweredWhole() throws Exception {
        Exchange exchange = request("hour=2025-06-01T12&scale=1");
        api(16 << 20).transactions(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).startsWith("{").endsWith("}");
    }
}
