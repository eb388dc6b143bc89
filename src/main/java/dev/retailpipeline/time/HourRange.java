package dev.retailpipeline.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A range of whole UTC hours, {@code from} inclusive, {@code to} exclusive, as epoch hours (hours since
 * 1970-01-01T00). Its text forms are an hour {@code 2026-11-23T14} or, for a range's ends, a day {@code 2026-11-23}
 * (midnight). Parsed and checked once, by {@link RangeRules}, for the generator API and the run triggers alike.
 */
public record HourRange(long from, long to) {

    private static final Pattern HOUR = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public HourRange {
        if (to < from) {
            throw new IllegalArgumentException("a range ends after it starts: " + from + ".." + to);
        }
    }

    /** The one hour {@code hour}. */
    public static HourRange of(long hour) {
        return new HourRange(hour, hour + 1);
    }

    public long hours() {
        return to - from;
    }

    public boolean isEmpty() {
        return to == from;
    }

    /** Parses an hour {@code 2026-11-23T14} (UTC) to its epoch hour; IllegalArgumentException otherwise. */
    public static long parseHour(String text) {
        if (text == null || !HOUR.matcher(text).matches()) {
            throw new IllegalArgumentException("an hour looks like 2026-11-23T14 (UTC), got '" + text + "'");
        }
        try {
            return Math.floorDiv(LocalDateTime.parse(text + ":00:00").toEpochSecond(ZoneOffset.UTC), 3600);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid date and hour: '" + text + "'", e);
        }
    }

    /** Parses an hour {@code 2026-11-23T14} or a day {@code 2026-11-23} (its first hour). */
    public static long parseHourOrDay(String text) {
        if (text != null && DAY.matcher(text).matches()) {
            try {
                return LocalDate.parse(text).toEpochDay() * 24;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a valid day: '" + text + "'", e);
            }
        }
        return parseHour(text);
    }

    /** {@code 2026-11-23T14}. */
    public static String formatHour(long epochHour) {
        return LocalDateTime.ofEpochSecond(epochHour * 3600, 0, ZoneOffset.UTC).toString().substring(0, 13);
    }

    /** {@code 2026-11-23 14:00:00}, the SQL timestamp text of an hour. */
    public static String sqlTimestamp(long epochHour) {
        return formatHour(epochHour).replace('T', ' ') + ":00:00";
    }

    @Override
    public String toString() {
        return formatHour(from) + ".." + formatHour(to);
    }
}
