package dev.retailpipeline.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decides which hours a run loads. A backfill names its range. Otherwise the run catches up: every completed
 * hour after the last loaded one, oldest first, at most {@code maxCatchUpHours}; with nothing loaded yet it
 * backfills the last {@code initialBackfillDays} days, so a new warehouse has data at once.
 */
public final class RunPlanner {

    private final Clock clock;
    private final long shopStartHour;
    private final int initialBackfillDays;
    private final int maxCatchUpHours;

    public RunPlanner(Clock clock, long shopStartHour, int initialBackfillDays, int maxCatchUpHours) {
        this.clock = clock;
        this.shopStartHour = shopStartHour;
        this.initialBackfillDays = initialBackfillDays;
        this.maxCatchUpHours = maxCatchUpHours;
    }

    public long lastCompletedHour() {
        return Math.floorDiv(clock.millis(), 3_600_000L) - 1;
    }

    /** Hours from {@code from} (inclusive) to {@code to} (exclusive). */
    public List<Long> range(long from, long to) {
        List<Long> hours = new ArrayList<>((int) Math.max(0, to - from));
        for (long h = Math.max(from, shopStartHour); h < to; h++) {
            hours.add(h);
        }
        return hours;
    }

    /**
     * The hour whose snapshot must be loaded before {@code hours}: when the range starts after the shop opened
     * and the warehouse holds no batch before it, the entities created earlier would be unknown to its
     * dimensions; the snapshot of the hour before the range brings them. Empty when not needed.
     */
    public java.util.Optional<Long> snapshotBefore(List<Long> hours, OptionalLong firstLoadedHour) {
        if (hours.isEmpty()) {
            return java.util.Optional.empty();
        }
        long from = hours.get(0);
        if (from <= shopStartHour) {
            return java.util.Optional.empty();
        }
        if (firstLoadedHour.isPresent() && firstLoadedHour.getAsLong() < from) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(from - 1);
    }

    /** The catch-up plan given the last loaded hour, if any; empty when the warehouse is up to date. */
    public List<Long> catchUp(OptionalLong lastLoadedHour) {
        long last = lastCompletedHour();
        long from = lastLoadedHour.isPresent()
                ? lastLoadedHour.getAsLong() + 1
                : last + 1 - initialBackfillDays * 24L;
        long to = Math.min(last + 1, from + maxCatchUpHours);
        return range(from, to);
    }
}
