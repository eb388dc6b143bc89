package dev.retailpipeline.generator;

/**
 * Stores: store 1 is the web shop, store 2 the mobile app, the rest physical stores (about 12 at scale 1), all
 * open at the opening hour; a new physical store opens about every 120 days. Store k's attributes = f(seed, k).
 */
final class Stores {
    static final String HQ_CITY = "Seattle";
    static final String HQ_STATE = "WA";
    static final String HQ_POSTAL = "98101";
    private static final int OPEN_EVERY_HOURS = 120 * 24;

    private final long seed;
    private final long start;
    private final int initial;
    private final Arrivals arrivals;

    Stores(long seed, long start, double scale) {
        this.seed = seed;
        this.start = start;
        this.initial = 2 + (int) Math.max(3, Math.round(12 * Math.sqrt(scale)));
        this.arrivals = new Arrivals(seed, Hash.STORE, start, OPEN_EVERY_HOURS);
    }

    /** Stores open at hour h (0-based indexes below this count). */
    int countAt(long h) {
        return h < start ? 0 : initial + (int) arrivals.countBy(h);
    }

    int physicalCountAt(long h) {
        return countAt(h) - 2;
    }

    /** The hour in whose batch store index k appears. */
    long batchHour(int k) {
        return k < initial ? start : arrivals.hourOf(k - initial);
    }

    StoreRow row(int k) {
        long id = k + 1L;
        long openedAt;
        if (k < initial) {
            openedAt = start * 3600 - 1 - Hash.below(Hash.of(seed, Hash.STORE, k, 1), 6L * 365 * 24 * 3600);
        } else {
            openedAt = batchHour(k) * 3600 + Hash.below(Hash.of(seed, Hash.STORE, k, 1), 3600);
        }
        if (k == 0) {
            return new StoreRow(id, "Online Store", "web", HQ_CITY, HQ_STATE, HQ_POSTAL, "US", openedAt);
        }
        if (k == 1) {
            return new StoreRow(id, "Mobile App", "mobile", HQ_CITY, HQ_STATE, HQ_POSTAL, "US", openedAt);
        }
        Pools.City city = Pools.city(Hash.of(seed, Hash.STORE, k, 2));
        String suffix = Pools.STORE_SUFFIXES[(int) Hash.below(Hash.of(seed, Hash.STORE, k, 3),
                Pools.STORE_SUFFIXES.length)];
        String postal = city.zipPrefix() + twoDigits(Hash.below(Hash.of(seed, Hash.STORE, k, 4), 100));
        return new StoreRow(id, city.city() + " " + suffix, "store", city.city(), city.state(), postal, "US",
                openedAt);
    }

    private static final String[] TWO_DIGITS = new String[100];

    static {
        for (int v = 0; v < 100; v++) {
            TWO_DIGITS[v] = v < 10 ? "0" + v : Integer.toString(v);
        }
    }

    /** v, 0..99, as two digits ("07"); larger v as is. */
    static String twoDigits(long v) {
        if (v >= 0 && v < 100) {
            return TWO_DIGITS[(int) v];
        }
        return v < 10 ? "0" + v : Long.toString(v);
    }
}
