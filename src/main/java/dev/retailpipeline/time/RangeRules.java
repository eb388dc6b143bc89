package dev.retailpipeline.time;

import java.time.Clock;

/**
 * What a range of hours may be, in one place for every caller (the generator API's {@code from}/{@code to} and
 * a run's backfill): both ends are hours or days, {@code to} after {@code from}, not before the shop opened, not
 * after the last completed hour, and at most {@code maxHours} long ({@code range.max-hours}).
 */
public final class RangeRules {

    public static final String MAX_HOURS_PROPERTY = "range.max-hours";

    private final long shopStartHour;
    private final int maxHours;
    private final Clock clock;

    public RangeRules(long shopStartHour, int maxHours, Clock clock) {
        this.shopStartHour = shopStartHour;
        this.maxHours = maxHours;
        this.clock = clock;
    }

    public long shopStartHour() {
        return shopStartHour;
    }

    /** The newest hour that has ended by now. */
    public long lastCompletedHour() {
        return Math.floorDiv(clock.millis(), 3_600_000L) - 1;
    }

    /** Parses and checks a range given as texts; the parameter names are those the client used. */
    public HourRange parse(String fromText, String toText, String fromName, String toName) {
        if (fromText == null || fromText.isBlank()) {
            throw new RangeException(fromName, "'" + fromName + "' is required: a day like 2026-11-01 or an hour like 2026-11-01T06");
        }
        if (toText == null || toText.isBlank()) {
            throw new RangeException(toName, "'" + toName + "' is required: a day like 2026-11-08 or an hour like 2026-11-08T06 (exclusive)");
        }
        long from = end(fromText.trim(), fromName);
        long to = end(toText.trim(), toName);
        if (to <= from) {
            throw new RangeException(toName, "'" + toName + "' must be after '" + fromName + "' (from inclusive, to exclusive)");
        }
        if (from < shopStartHour) {
            throw new RangeException(fromName, "hour " + HourRange.formatHour(from) + " is before the shop opened at "
                    + HourRange.formatHour(shopStartHour) + " (generator.start)");
        }
        long last = lastCompletedHour();
        if (to > last + 1) {
            throw new RangeException(toName, "hour " + HourRange.formatHour(to - 1) + " has not completed yet; the last "
                    + "completed hour is " + HourRange.formatHour(last) + " ('" + toName + "' is exclusive, at most "
                    + HourRange.formatHour(last + 1) + ")");
        }
        if (to - from > maxHours) {
            throw new RangeException(toName, MAX_HOURS_PROPERTY, "a range of " + (to - from) + " hours is over the limit "
                    + MAX_HOURS_PROPERTY + " = " + maxHours);
        }
        return new HourRange(from, to);
    }

    private static long end(String text, String name) {
        try {
            return HourRange.parseHourOrDay(text);
        } catch (IllegalArgumentException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new RangeException(name, "'" + name + "' must be a day like 2026-11-01 or an hour like 2026-11-01T06 "
                    + "(UTC), got '" + shown + "'");
        }
    }
}
