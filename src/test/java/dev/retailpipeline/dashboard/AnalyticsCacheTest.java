package dev.retailpipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** What the analytics cache keeps, for how long, and what an invalidation does to an answer being computed. */
class AnalyticsCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger computed = new AtomicInteger();

    private byte[] answer(String text) {
        computed.incrementAndGet();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aSecondRequestForTheSameAnswerIsNotComputedAgain() {
        AnalyticsCache cache = new AnalyticsCache(60, 10, now::get);
        assertEquals("a", text(cache.get("summary?", () -> answer("a"))));
        assertEquals("a", text(cache.get("summary?", () -> answer("b"))));
        assertEquals("c", text(cache.get("summary?category=Toys", () -> answer("c"))));
        assertEquals(2, computed.get());
    }

    @Test
    void anInvalidationForgetsEveryAnswer() {
        AnalyticsCache cache = new AnalyticsCache(60, 10, now::get);
        cache.get("summary?", () -> answer("before the run"));
        cache.invalidate();
        assertEquals(0, cache.size());
        assertEquals("after the run", text(cache.get("summary?", () -> answer("after the run"))));
    }

    @Test
    void anAnswerComputedWhileTheMartsChangeIsServedButNotKept() {
        AnalyticsCache cache = new AnalyticsCache(60, 10, now::get);
        byte[] racing = cache.get("summary?", () -> {
            cache.invalidate(); // a run commits while this answer is read
            return answer("maybe stale");
        });
        assertEquals("maybe stale", text(racing));
        assertEquals(0, cache.size());
        assertEquals("fresh", text(cache.get("summary?", () -> answer("fresh"))));
    }

    @Test
    void answersExpireAfterTheMaxAge() {
        AnalyticsCache cache = new AnalyticsCache(60, 10, now::get);
        cache.get("summary?", () -> answer("old"));
        now.addAndGet(59_000_000_000L);
        assertEquals("old", text(cache.get("summary?", () -> answer("new"))));
        now.addAndGet(1_000_000_000L);
        assertEquals("new", text(cache.get("summary?", () -> answer("new"))));
    }

    @Test
    void whenFullTheAnswerReadMostStays() {
        AnalyticsCache cache = new AnalyticsCache(60, 2, now::get);
        cache.get("a", () -> answer("a"));
        for (int i = 0; i < 5; i++) {
            cache.get("a", () -> answer("a again"));
        }
        for (String key : new String[] {"b", "c", "d", "e"}) {
            cache.get(key, () -> answer(key));
            assertEquals(true, cache.size() <= 2, "never more than the max entries");
        }
        assertEquals("a", text(cache.get("a", () -> answer("a recomputed"))));
    }

    @Test
    void aMaxAgeOfZeroKeepsNothing() {
        AnalyticsCache cache = new AnalyticsCache(0, 10, now::get);
        cache.get("summary?", () -> answer("1"));
        assertArrayEquals("2".getBytes(StandardCharsets.UTF_8), cache.get("summary?", () -> answer("2")));
        assertEquals(0, cache.size());
    }

    @Test
    void aFailedComputationKeepsNothing() {
        AnalyticsCache cache = new AnalyticsCache(60, 10, now::get);
        assertThrows(IllegalStateException.class, () -> cache.get("summary?", () -> {
            throw new IllegalStateException("the warehouse is down");
        }));
        assertEquals(0, cache.size());
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalyticsCache(-1, 10));
        assertEquals(true, e.getMessage().contains("-1 s"));
        assertThrows(IllegalArgumentException.class, () -> new AnalyticsCache(60, 0));
    }
}
