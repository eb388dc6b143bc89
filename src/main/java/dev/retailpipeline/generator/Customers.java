package dev.retailpipeline.generator;

import java.nio.charset.StandardCharsets;

/**
 * The customer population: about 2000 x scale customers at the opening hour, then about 30 x scale sign-ups a
 * day. Customer k (id k+1) has attributes f(seed, k) and changes now and then (moves, new e-mail, new loyalty
 * tier) on a {@link ChangeSchedule}; its state at an hour is its base attributes folded over its changes so far.
 */
final class Customers {
    static final String[] TIERS = {"none", "bronze", "silver", "gold", "platinum"};
    private static final double[] TIER_CUMULATIVE = {0.40, 0.70, 0.88, 0.97, 1.0};

    private final long seed;
    private final long start;
    private final long initial;
    private final long perDay;
    private final Pools pools;
    private final ChangeSchedule schedule;

    Customers(long seed, long start, double scale, Pools pools) {
        this.seed = seed;
        this.start = start;
        this.initial = Math.max(50, Math.round(2000 * scale));
        this.perDay = Math.max(1, Math.round(30 * scale));
        this.pools = pools;
        this.schedule = new ChangeSchedule(seed, Hash.CUSTOMER_EVENT, 10, new int[]{60, 90, 130, 180, 270, 400});
    }

    /** Customers signed up at or before hour h (indexes below this count). */
    long countAt(long h) {
        return h < start ? 0 : initial + (h - start) * perDay / 24;
    }

    /** The hour in whose batch customer k first appears. */
    long signupHour(long k) {
        if (k < initial) {
            return start;
        }
        long need = (k - initial + 1) * 24;
        return start + (need + perDay - 1) / perDay;
    }

    /** Propensity to buy, heavy-tailed: a few customers buy often, most rarely. */
    double propensity(long k) {
        double u = Hash.unit(Hash.of(seed, Hash.PROPENSITY, k));
        return Math.max(0.01, u * u * u);
    }

    /** Customers changing at hour h, in id order. */
    long[] changedAt(long h) {
        long[] out = new long[16];
        int[] n = {0};
        long limit = countAt(h - 1);
        long[][] holder = {out};
        schedule.forEachAt(h, limit, k -> {
            if (signupHour(k) < h) {
                if (n[0] == holder[0].length) {
                    holder[0] = java.util.Arrays.copyOf(holder[0], n[0] * 2);
                }
                holder[0][n[0]++] = k;
            }
        });
        long[] result = java.util.Arrays.copyOf(holder[0], n[0]);
        java.util.Arrays.sort(result);
        return result;
    }

    /** Customer k as of hour h (its latest version), or null if it has not signed up by then. */
    CustomerRow asOf(long k, long h) {
        long signup = signupHour(k);
        if (k < 0 || h < signup || h < start) {
            return null;
        }
        Rng rng = new Rng().reset(Hash.of(seed, Hash.CUSTOMER, k));
        int first = rng.below(pools.firstNames.length);
        int last = rng.below(pools.lastNames.length);
        String email = email(first, last, rng);
        String phone = rng.chance(0.08) ? null : phone(rng);
        String street = street(rng);
        Pools.City city = Pools.city(rng.next());
        String postal = city.zipPrefix() + Stores.twoDigits(rng.below(100));
        int tier = tier(rng.unit());
        long signupAt = k < initial
                ? start * 3600 - 1 - rng.below(3L * 365 * 24 * 3600)
                : signup * 3600 + rng.below(3600);
        long updatedAt = signupAt;
        int events = schedule.eventsBy(k, signup, h);
        for (int j = 0; j < events; j++) {
            long hour = schedule.eventHour(k, signup, j);
            Rng e = new Rng().reset(Hash.of(seed, Hash.CUSTOMER_EVENT, k, j));
            updatedAt = hour * 3600 + e.below(3600);
            double kind = e.unit();
            if (kind < 0.45) {
                street = street(e);
                city = Pools.city(e.next());
                postal = city.zipPrefix() + Stores.twoDigits(e.below(100));
            } else if (kind < 0.75) {
                String changed = email(first, last, e);
                email = changed.equals(email) ? "1" + changed : changed;
            } else {
                tier = tier == TIERS.length - 1 ? tier - 1 : tier + 1;
            }
        }
        return new CustomerRow(k + 1, pools.firstNames[first], pools.lastNames[last], email, phone, street,
                city.city(), city.state(), postal, "US", TIERS[tier], signupAt, updatedAt);
    }

    private static int tier(double u) {
        int t = 0;
        while (u >= TIER_CUMULATIVE[t]) {
            t++;
        }
        return t;
    }

    private String email(int first, int last, Rng rng) {
        String f = pools.firstNameMail[first];
        String l = pools.lastNameMail[last];
        int number = rng.between(1, 999);
        String local = switch (rng.below(5)) {
            case 0 -> f + "." + l + number;
            case 1 -> f.charAt(0) + l + number;
            case 2 -> f + "_" + l + number;
            case 3 -> f + l.charAt(0) + number;
            default -> f + "." + l + "." + number;
        };
        return local + "@" + rng.pick(Pools.EMAIL_DOMAINS);
    }

    /**
     * "(201) 555-0123": area code 201..990 without an x11, exchange 200..999, line 0000..9999. Built from its
     * digits: String.format("%04d") here used to cost most of a customer's time (and its digits followed the
     * default locale).
     */
    private static String phone(Rng rng) {
        int area = rng.between(201, 989);
        if (area % 100 == 11) {
            area++;
        }
        int exchange = rng.between(200, 999);
        int line = rng.below(10000);
        byte[] b = new byte[14];
        b[0] = '(';
        digits(area, b, 1, 3);
        b[4] = ')';
        b[5] = ' ';
        digits(exchange, b, 6, 3);
        b[9] = '-';
        digits(line, b, 10, 4);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** v (0 <= v < 10^count) as count decimal digits, zero-padded, at b[at..at+count). */
    private static void digits(int v, byte[] b, int at, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    private String street(Rng rng) {
        return rng.between(1, 9999) + " " + pools.streetNames[rng.below(pools.streetNames.length)];
    }
}
