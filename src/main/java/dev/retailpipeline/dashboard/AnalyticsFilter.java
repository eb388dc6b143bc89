package dev.retailpipeline.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.retailpipeline.web.BadRequestException;
import dev.retailpipeline.web.QueryParameters;

/**
 * The dashboard's filters, read from a request's query string: days {@code from} (inclusive) and {@code to}
 * (exclusive), a category, a store id and a channel. Every value is checked here and only ever reaches SQL as a
 * bound parameter.
 */
public record AnalyticsFilter(LocalDate from, LocalDate to, String category, Long storeId, String channel) {

    /** The first and the last day with sales (both today when there are none). */
    public record SalesDays(LocalDate first, LocalDate last) {
    }

    /** The query parameters every analytics endpoint takes. */
    public static final Set<String> NAMES = Set.of("from", "to", "category", "store", "channel");
    /** The source model's channels (a closed set). */
    public static final Set<String> CHANNELS = Set.of("store", "web", "mobile");
    /** The longest range one request may ask for. */
    public static final int MAX_DAYS = 3660;

    /**
     * Reads the filters. A missing range is filled from the days with sales: the last {@code defaultDays} days up
     * to and including the last day with sales, but not before the first one.
     */
    public static AnalyticsFilter parse(QueryParameters query, int defaultDays, Supplier<SalesDays> salesDays) {
        LocalDate from = day(query, "from");
        LocalDate to = day(query, "to");
        if (from == null && to == null) {
            SalesDays days = salesDays.get();
            to = days.last().plusDays(1);
            from = to.minusDays(defaultDays);
            if (from.isBefore(days.first())) {
                from = days.first();
            }
        } else if (from == null) {
            from = to.minusDays(defaultDays);
        } else if (to == null) {
            LocalDate latest = salesDays.get().last().plusDays(1);
            to = latest.isAfter(from) ? latest : from.plusDays(defaultDays);
        }
        if (!to.isAfter(from)) {
            throw new BadRequestException("to", "'to' must be after 'from' (from inclusive, to exclusive)");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new BadRequestException("to", "a range is at most " + MAX_DAYS + " days");
        }
        String category = null;
        if (query.has("category") && !query.text("category", "").isEmpty()) {
            category = query.text("category", "");
            if (category.length() > 100 || category.chars().anyMatch(Character::isISOControl)) {
                throw new BadRequestException("category", "'category' must be a category name of at most 100 characters");
            }
        }
        Long storeId = null;
        if (query.has("store") && !query.text("store", "").isEmpty()) {
            String text = query.text("store", "");
            if (!text.matches("-?[0-9]{1,18}")) {
                throw new BadRequestException("store", "'store' must be a store id (a whole number), got '" + text + "'");
            }
            storeId = Long.parseLong(text);
        }
        String channel = null;
        if (query.has("channel") && !query.text("channel", "").isEmpty()) {
            channel = query.text("channel", "");
            if (!CHANNELS.contains(channel)) {
                throw new BadRequestException("channel", "'channel' must be one of mobile, store, web; got '" + channel + "'");
            }
        }
        return new AnalyticsFilter(from, to, category, storeId, channel);
    }

    private static LocalDate day(QueryParameters query, String name) {
        if (!query.has(name) || query.text(name, "").isEmpty()) {
            return null;
        }
        String text = query.text(name, "");
        try {
            if (text.length() != 10) {
                throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "'" + name + "' must be a day like 2025-01-31, got '" + text + "'");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to);
    }

    /** The period of the same length just before this one, with the same other filters. */
    public AnalyticsFilter previous() {
        return new AnalyticsFilter(from.minusDays(days()), from, category, storeId, channel);
    }

    /** The named parameters of the filtered_sales query. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from_key", dateKey(from));
        p.put("to_key", dateKey(to));
        p.put("category", category);
        p.put("store_id", storeId);
        p.put("channel", channel);
        return p;
    }

    /** The filters as the JSON answers echo them. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("from", from.toString());
        v.put("to", to.toString());
        v.put("category", category);
        v.put("store", storeId);
        v.put("channel", channel);
        return v;
    }

    static int dateKey(LocalDate day) {
        return day.getYear() * 10000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    static LocalDate day(int dateKey) {
        return LocalDate.of(dateKey / 10000, dateKey / 100 % 100, dateKey % 100);
    }
}
