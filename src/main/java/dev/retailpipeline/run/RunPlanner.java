package dev.retailpipeline.run;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.time.RangeRules;

/**
 * Plans a run's chunks from the watermark, never from what the raw tables happen to hold. A catch-up loads every
 * completed hour after the watermark (on an empty warehouse: the last {@code initialBackfillDays} days), at most
 * {@code maxCatchUpHours}; a backfill loads the range it names. Either is cut into chunks of
 * {@code chunkHours}; when the warehouse does not hold the hour before the range and the shop opened earlier, the
 * first chunk starts with the shop's snapshot of that hour, so every order of the range finds its customer and
 * product (an empty warehouse's first load, or a range after a gap in the loaded hours).
 */
public final class RunPlanner {

    private final RangeRules rules;
    private final int initialBackfillDays;
    private final int maxCatchUpHours;
    private final int chunkHours;

    public RunPlanner(RangeRules rules, int initialBackfillDays, int maxCatchUpHours, int chunkHours) {
        if (chunkHours < 1) {
            throw new IllegalArgumentException("ingest.chunk-hours must be at least 1, is " + chunkHours);
        }
        this.rules = rules;
        this.initialBackfillDays = initialBackfillDays;
        this.maxCatchUpHours = maxCatchUpHours;
        this.chunkHours = chunkHours;
    }

    public RangeRules rules() {
        return rules;
    }

    /** The hours a catch-up loads after the watermark's last hour (empty when up to date). */
    public HourRange catchUp(OptionalLong lastLoadedHour) {
        long last = rules.lastCompletedHour();
        long from = lastLoadedHour.isPresent()
                ? lastLoadedHour.getAsLong() + 1
                : last + 1 - initialBackfillDays * 24L;
        from = Math.max(from, rules.shopStartHour());
        long to = Math.max(from, Math.min(last + 1, from + maxCatchUpHours));
        return new HourRange(from, to);
    }

    /** The chunks of a range, the first with a snapshot unless the warehouse holds the hour before the range. */
    public List<Chunk> chunks(HourRange range, boolean hourBeforeLoaded) {
        List<Chunk> chunks = new ArrayList<>();
        if (range.isEmpty()) {
            return chunks;
        }
        boolean snapshot = range.from() > rules.shopStartHour() && !hourBeforeLoaded;
        long from = range.from();
        while (from < range.to()) {
            long to = Math.min(range.to(), from + chunkHours);
            boolean first = chunks.isEmpty() && snapshot;
            chunks.add(new Chunk(chunks.size(), new HourRange(first ? from - 1 : from, to), first));
            from = to;
        }
        return chunks;
    }
}
