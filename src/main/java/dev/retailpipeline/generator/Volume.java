package dev.retailpipeline.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * The volume curve: expected orders in an hour = base x hour of day x weekday x month x growth x holiday.
 * Shop time is UTC.
 */
final class Volume {
    static final double BASE_ORDERS_PER_HOUR = 40;
    /** Yearly growth of the trend, linear from the opening hour. */
    static final double GROWTH_PER_YEAR = 0.25;

    private static final double[] HOUR_OF_DAY = {
        0.35, 0.22, 0.15, 0.10, 0.09, 0.12, 0.25, 0.45, 0.65, 0.85, 1.00, 1.10,
        1.20, 1.15, 1.10, 1.10, 1.15, 1.25, 1.40, 1.55, 1.60, 1.45, 1.05, 0.65};
    /** Monday first. */
    private static final double[] WEEKDAY = {0.95, 0.92, 0.95, 1.00, 1.08, 1.22, 1.12};
    private static final double[] MONTH = {0.82, 0.84, 0.92, 0.95, 1.00, 0.98, 1.00, 1.08, 0.95, 1.00, 1.05, 1.12};

    private Volume() {
    }

    static double expectedOrders(long hour, long startHour, double scale) {
        long day = Math.floorDiv(hour, 24);
        int hourOfDay = (int) (hour - day * 24);
        LocalDate date = LocalDate.ofEpochDay(day);
        double growth = 1 + GROWTH_PER_YEAR * Math.max(0, hour - startHour) / (365.0 * 24);
        return BASE_ORDERS_PER_HOUR * scale * HOUR_OF_DAY[hourOfDay] * WEEKDAY[date.getDayOfWeek().getValue() - 1]
                * MONTH[date.getMonthValue() - 1] * growth * holiday(date);
    }

    /** US Thanksgiving: the fourth Thursday of November. */
    static LocalDate thanksgiving(int year) {
        return LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
    }

    /** Holiday multiplier of a day: Thanksgiving weekend to Cyber Monday, the run-up to Christmas, and quiet days. */
    static double holiday(LocalDate date) {
        int month = date.getMonthValue();
        int dom = date.getDayOfMonth();
        if (month == 11 || (month == 12 && dom <= 3)) {
            long offset = date.toEpochDay() - thanksgiving(date.getYear()).toEpochDay();
            if (offset == 0) {
                return 1.25; // Thanksgiving: shops closed early, online busy
            } else if (offset == 1) {
                return 3.2; // Black Friday
            } else if (offset == 2) {
                return 2.1;
            } else if (offset == 3) {
                return 1.8;
            } else if (offset == 4) {
                return 2.8; // Cyber Monday
            } else if (offset >= 5 && offset <= 7) {
                return 1.3;
            } else if (offset >= -7 && offset < 0) {
                return 1.1;
            }
            return 1.0;
        }
        if (month == 12) {
            if (dom <= 20) {
                return 1.25 + 0.02 * dom;
            } else if (dom <= 23) {
                return 1.9;
            } else if (dom == 24) {
                return 1.4;
            } else if (dom == 25) {
                return 0.35;
            } else if (dom == 26) {
                return 1.7;
            }
            return 1.2;
        }
        if (month == 1 && dom == 1) {
            return 0.5;
        }
        if (month == 7 && dom == 4) {
            return 0.7;
        }
        if (month == 2 && dom >= 7 && dom <= 13) {
            return 1.15; // Valentine's week
        }
        return 1.0;
    }

    /** A Poisson draw with the given mean from a hash (normal approximation for large means). */
    static int poisson(double mean, long hash) {
        if (mean <= 0) {
            return 0;
        }
        Rng rng = new Rng().reset(hash);
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = rng.unit();
            int k = 0;
            while (product > limit) {
                k++;
                product *= rng.unit();
            }
            return k;
        }
        double u1 = Math.max(rng.unit(), 1e-12);
        double u2 = rng.unit();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
    }
}
