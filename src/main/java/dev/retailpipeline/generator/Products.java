package dev.retailpipeline.generator;

/**
 * The catalog: 800 products at the opening hour, about one new product a day. Product k (id k+1) has its
 * subcategory, brand, name, base price and cost from f(seed, k); about half of the products change price now and
 * then on a {@link ChangeSchedule}: the j-th change sets the price 5-20% below (even j, a sale) or above (odd j)
 * the base price, rounded to .99 (or .x9 under ten dollars), so consecutive prices always differ.
 */
final class Products {
    static final int INITIAL = 800;
    private static final int CACHED = INITIAL + 20 * 365;

    private final long seed;
    private final long start;
    private final Arrivals arrivals;
    private final ChangeSchedule schedule;
    private final long[] basePrices = new long[CACHED];
    private final long[] unitCosts = new long[CACHED];
    private final double[] popularity = new double[CACHED];

    Products(long seed, long start) {
        this.seed = seed;
        this.start = start;
        this.arrivals = new Arrivals(seed, Hash.PRODUCT, start, 24);
        this.schedule = new ChangeSchedule(seed, Hash.PRODUCT_EVENT, 8, new int[]{30, 60, 120, 240});
        for (int k = 0; k < CACHED; k++) {
            basePrices[k] = computeBasePrice(k);
            unitCosts[k] = computeUnitCost(k);
            popularity[k] = computePopularity(k);
        }
    }

    long countAt(long h) {
        return h < start ? 0 : INITIAL + arrivals.countBy(h);
    }

    long batchHour(long k) {
        return k < INITIAL ? start : arrivals.hourOf(k - INITIAL);
    }

    double popularity(long k) {
        return k < CACHED ? popularity[(int) k] : computePopularity(k);
    }

    private double computePopularity(long k) {
        double u = Hash.unit(Hash.of(seed, Hash.POPULARITY, k));
        return Math.max(0.02, u * u * u);
    }

    private Pools.Subcategory subcategory(long k) {
        return Pools.SUBCATEGORIES[(int) Hash.below(Hash.of(seed, Hash.PRODUCT, k, 1), Pools.SUBCATEGORIES.length)];
    }

    private long basePrice(long k) {
        return k < CACHED ? basePrices[(int) k] : computeBasePrice(k);
    }

    private long computeBasePrice(long k) {
        Pools.Subcategory sub = subcategory(k);
        double u = Hash.unit(Hash.of(seed, Hash.PRODUCT, k, 2));
        return round99(sub.minCents() + (long) ((sub.maxCents() - sub.minCents()) * u * u));
    }

    static long round99(long cents) {
        long rounded = cents >= 1000 ? (cents + 50) / 100 * 100 - 1 : (cents + 5) / 10 * 10 - 1;
        return Math.max(99, rounded);
    }

    /**
     * The unit cost of product k, in cents, as in its rows. Only prices change, so every version of the product
     * has this cost: it is the cost of the version valid at any moment, in particular the one the warehouse picks
     * for an order line (dim_product, type 2 on price and cost, valid_from <= order_at < valid_to).
     */
    long unitCost(long k) {
        return k < CACHED ? unitCosts[(int) k] : computeUnitCost(k);
    }

    /** The cost drawn in {@link #asOf}: the same draws, without building the strings. */
    private long computeUnitCost(long k) {
        Pools.Subcategory sub = subcategory(k);
        Rng rng = new Rng().reset(Hash.of(seed, Hash.PRODUCT, k, 3));
        rng.pick(sub.brands());
        rng.pick(Pools.ADJECTIVES);
        rng.pick(sub.nouns());
        if (rng.chance(0.5)) {
            rng.pick(Pools.VARIANTS);
        }
        return basePrice(k) * rng.between(40, 80) / 100;
    }

    /** The unit price of product k at hour h, in cents. */
    long priceAt(long k, long h) {
        long since = batchHour(k);
        int events = schedule.eventsBy(k, since, h);
        long base = basePrice(k);
        if (events == 0) {
            return base;
        }
        int j = events - 1;
        long magnitude = 5 + Hash.below(Hash.of(seed, Hash.PRODUCT_EVENT, k, j * 16L), 16);
        long percent = (j % 2 == 0) ? 100 - magnitude : 100 + magnitude;
        return round99(base * percent / 100);
    }

    /** Products whose price changes at hour h, in id order. */
    long[] changedAt(long h) {
        long limit = countAt(h - 1);
        long[][] holder = {new long[16]};
        int[] n = {0};
        schedule.forEachAt(h, limit, k -> {
            if (batchHour(k) < h) {
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

    /** v > 0 in decimal, zero-padded to at least six digits (as String.format("%06d") in an ASCII locale). */
    static String sixDigits(long v) {
        if (v >= 1_000_000) {
            return Long.toString(v);
        }
        char[] c = new char[6];
        for (int i = 5; i >= 0; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(c);
    }

    /** Product k as of hour h (its latest version), or null if it does not exist yet. */
    ProductRow asOf(long k, long h) {
        long since = batchHour(k);
        if (k < 0 || h < since || h < start) {
            return null;
        }
        Pools.Subcategory sub = subcategory(k);
        Rng rng = new Rng().reset(Hash.of(seed, Hash.PRODUCT, k, 3));
        String brand = rng.pick(sub.brands());
        String name = brand + " " + rng.pick(Pools.ADJECTIVES) + " " + rng.pick(sub.nouns());
        if (rng.chance(0.5)) {
            name = name + ", " + rng.pick(Pools.VARIANTS);
        }
        long base = basePrice(k);
        long cost = base * rng.between(40, 80) / 100; // computeUnitCost repeats these draws
        long createdAt = k < INITIAL
                ? start * 3600 - 1 - rng.below(2L * 365 * 24 * 3600)
                : since * 3600 + rng.below(3600);
        int events = schedule.eventsBy(k, since, h);
        long updatedAt = createdAt;
        if (events > 0) {
            long hour = schedule.eventHour(k, since, events - 1);
            updatedAt = hour * 3600 + Hash.below(Hash.of(seed, Hash.PRODUCT_EVENT, k, (events - 1) * 16L + 7), 3600);
        }
        String sku = sub.skuCode() + "-" + sixDigits(k + 1);
        return new ProductRow(k + 1, sku, name, sub.category(), sub.name(), brand, priceAt(k, h), cost, true,
                createdAt, updatedAt);
    }
}
