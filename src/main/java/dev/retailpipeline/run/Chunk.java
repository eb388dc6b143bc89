package dev.retailpipeline.run;

import dev.retailpipeline.time.HourRange;

/**
 * A run's unit of work, loaded exactly once: its hours' raw rows, the marts built from them and the watermark
 * commit together. {@code hours} are the hours it loads; with {@code snapshot} the first of them is the
 * snapshot of the shop (stores, customers, products as of that hour) that starts a warehouse's history.
 */
public record Chunk(int index, HourRange hours, boolean snapshot) {

    /** The first hour the source is asked for ({@code from}): the hour after a snapshot. */
    public String fromText() {
        return HourRange.formatHour(snapshot ? hours.from() + 1 : hours.from());
    }

    /** The exclusive end the source is asked for ({@code to}). */
    public String toText() {
        return HourRange.formatHour(hours.to());
    }

    @Override
    public String toString() {
        return "chunk " + (index + 1) + " (" + hours + (snapshot ? ", from a snapshot" : "") + ")";
    }
}
