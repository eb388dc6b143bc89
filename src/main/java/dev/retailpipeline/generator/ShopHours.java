package dev.retailpipeline.generator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Epoch hours and their text form "2026-11-23T14" (UTC). */
public final class ShopHours {
    private ShopHours() {
    }

    /** Parses "2026-11-23T14" (UTC) to an epoch hour; throws IllegalArgumentException on anything else. */
    public static long parse(String iso) {
        if (iso == null || !iso.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}")) {
            throw new IllegalArgumentException("hour must look like 2026-11-23T14 (UTC), was " + iso);
        }
        try {
            LocalDateTime t = LocalDateTime.parse(iso + ":00:00");
            return Math.floorDiv(t.toEpochSecond(ZoneOffset.UTC), 3600);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("hour is not a valid date and hour: " + iso, e);
        }
    }

    /** Formats an epoch hour as "2026-11-23T14" (UTC). */
    public static String format(long epochHour) {
        return new String(TimeText.hourPrefix(epochHour), 0, 13);
    }
}
