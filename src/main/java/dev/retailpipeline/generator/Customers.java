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
    private static final boolean PLAIN_DOMAINS = java.util.Arrays.stream(Pools.EMAIL_DOMAINS)
            .noneMatch(d -> d.indexOf('@') >= 0);

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
        // start for the initial customers (need 0) without a branch: a snapshot meets them first, and code
        // compiled while it did would trap at the first later one
        long need = Math.max(0, k - initial + 1) * 24;
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

    /**
     * Customer k as of hour h (its latest version), or null if it has not signed up by then. The e-mail address and
     * the address are kept as their draws while the changes are folded, and made into strings once at the end: a
     * customer with many changes does not build the strings of its old addresses.
     */
    CustomerRow asOf(long k, long h) {
        long signup = signupHour(k);
        if (k < 0 || h < signup || h < start) {
            return null;
        }
        Rng rng = new Rng().reset(Hash.of(seed, Hash.CUSTOMER, k));
        int first = rng.below(pools.firstNames.length);
        int last = rng.below(pools.lastNames.length);
        // e-mail: number, form, domain (in the order email(first, last, rng) draws them)
        int mailNumber = rng.between(1, 999);
        int mailForm = rng.below(5);
        int mailDomain = rng.below(Pools.EMAIL_DOMAINS.length);
        boolean mailOne = false;
        String phone = rng.chance(0.08) ? null : phone(rng);
        int streetNumber = rng.between(1, 9999);
        int streetName = rng.below(pools.streetNames.length);
        Pools.City city = Pools.city(rng.next());
        int zip = rng.below(100);
        int tier = tier(rng.unit());
        long signupAt = k < initial
                ? start * 3600 - 1 - rng.below(3L * 365 * 24 * 3600)
                : signup * 3600 + rng.below(3600);
        long updatedAt = signupAt;
        int events = schedule.eventsBy(k, signup, h);
        if (events > 0) {
            long hour = schedule.eventHour(k, signup, 0);
            long period = schedule.period(k);
            long eventBase = Hash.of(seed, Hash.CUSTOMER_EVENT, k);
            Rng e = new Rng();
            for (int j = 0; j < events; j++, hour += period) {
                e.reset(Hash.withPurpose(eventBase, j));
                updatedAt = hour * 3600 + e.below(3600);
                double kind = e.unit();
                if (kind < 0.45) {
                    streetNumber = e.between(1, 9999);
                    streetName = e.below(pools.streetNames.length);
                    city = Pools.city(e.next());
                    zip = e.below(100);
                } else if (kind < 0.75) {
                    int number = e.between(1, 999);
                    int form = e.below(5);
                    int domain = e.below(Pools.EMAIL_DOMAINS.length);
                    // the new address gets a 1 in front if it is the very address it replaces
                    mailOne = !mailOne
                            && sameEmail(first, last, mailNumber, mailForm, mailDomain, number, form, domain);
                    mailNumber = number;
                    mailForm = form;
                    mailDomain = domain;
                } else {
                    tier = tier == TIERS.length - 1 ? tier - 1 : tier + 1;
                }
            }
        }
        String email = email(first, last, mailNumber, mailForm, mailDomain);
        if (mailOne) {
            email = "1" + email;
        }
        String street = streetNumber + " " + pools.streetNames[streetName];
        String postal = city.zipPrefix() + Stores.twoDigits(zip);
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

    /**
     * The e-mail address of the given draws: a local part from the names' mail forms (lowercase letters only) in
     * one of five forms, ending in the number, then @ and the domain.
     */
    private String email(int first, int last, int number, int form, int domain) {
        String f = pools.firstNameMail[first];
        String l = pools.lastNameMail[last];
        String d = Pools.EMAIL_DOMAINS[domain];
        return switch (form) {
            case 0 -> f + "." + l + number + "@" + d;
            case 1 -> f.charAt(0) + l + number + "@" + d;
            case 2 -> f + "_" + l + number + "@" + d;
            case 3 -> f + l.charAt(0) + number + "@" + d;
            default -> f + "." + l + "." + number + "@" + d;
        };
    }

    /**
     * Whether two draws give the same address, without building them in the common case. The local part ends in
     * the number (1..999, no leading zero) right after a letter or a dot, and has no @: so where the numbers differ
     * the addresses differ, provided the domains have no @ either. Otherwise the strings are compared.
     */
    private boolean sameEmail(int first, int last, int numberA, int formA, int domainA, int numberB, int formB,
                              int domainB) {
        if (numberA != numberB && PLAIN_DOMAINS) {
            return false;
        }
        return email(first, last, numberA, formA, domainA).equals(email(first, last, numberB, formB, domainB));
    }

    /**
     * "(201) 555-0123": area code 201..990 without an x11, exchange 200..999, line 0000..9999. Built from its
     * digits rather than with String.format, which would cost most of a customer's time and follow the default
     * locale's digits.
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
}
