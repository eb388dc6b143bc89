package dev.retailpipeline.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot as the generator made it before it was made fast: HourBuilder.snapshot building every row into
 * lists, with Customers.asOf and Products.asOf as they were (String.format included), copied verbatim from the
 * commit before the change. The reference that the streamed and parallel snapshot must match byte for byte.
 */
final class SnapshotReference {
    private SnapshotReference() {
    }

    /** The old HourBuilder.snapshot: all rows in lists, then a batch of them. */
    static Batch snapshot(RetailGenerator generator, BatchSpec spec) {
        Shop shop = generator.shop(spec.seed(), spec.scale());
        long h = spec.hour();
        if (h < shop.start) {
            return Batch.empty(spec);
        }
        OldCustomers oldCustomers = new OldCustomers(shop.seed, shop.start, shop.scale, shop.pools);
        OldProducts oldProducts = new OldProducts(shop.seed, shop.start);
        List<StoreRow> stores = new ArrayList<>();
        for (int k = 0; k < shop.stores.countAt(h); k++) {
            stores.add(shop.stores.row(k));
        }
        List<CustomerRow> customers = new ArrayList<>();
        for (long k = 0; k < oldCustomers.countAt(h); k++) {
            customers.add(oldCustomers.asOf(k, h));
        }
        List<ProductRow> products = new ArrayList<>();
        for (long k = 0; k < oldProducts.countAt(h); k++) {
            products.add(oldProducts.asOf(k, h));
        }
        Summary summary = new Summary(h, stores.size(), customers.size(), products.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                true);
        return new Batch(spec, stores, customers, products, List.of(), List.of(), List.of(), List.of(), summary);
    }

    static final class OldCustomers {
        static final String[] TIERS = {"none", "bronze", "silver", "gold", "platinum"};
        private static final double[] TIER_CUMULATIVE = {0.40, 0.70, 0.88, 0.97, 1.0};

        private final long seed;
        private final long start;
        private final long initial;
        private final long perDay;
        private final Pools pools;
        private final ChangeSchedule schedule;

        OldCustomers(long seed, long start, double scale, Pools pools) {
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

        private static String phone(Rng rng) {
            int area = rng.between(201, 989);
            if (area % 100 == 11) {
                area++;
            }
            return "(" + area + ") " + rng.between(200, 999) + "-" + String.format("%04d", rng.below(10000));
        }

        private String street(Rng rng) {
            return rng.between(1, 9999) + " " + pools.streetNames[rng.below(pools.streetNames.length)];
        }
    }

    static final class OldProducts {
        static final int INITIAL = 800;
        private static final int CACHED = INITIAL + 20 * 365;

        private final long seed;
        private final long start;
        private final Arrivals arrivals;
        private final ChangeSchedule schedule;
        private final long[] basePrices = new long[CACHED];
        private final long[] unitCosts = new long[CACHED];
        private final double[] popularity = new double[CACHED];

        OldProducts(long seed, long start) {
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
            String sku = sub.skuCode() + "-" + String.format("%06d", k + 1);
            return new ProductRow(k + 1, sku, name, sub.category(), sub.name(), brand, priceAt(k, h), cost, true,
                    createdAt, updatedAt);
        }
    }
}
