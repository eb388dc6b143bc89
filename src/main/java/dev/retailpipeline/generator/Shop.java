package dev.retailpipeline.generator;

/**
 * The simulated shop for one (seed, scale, opening hour): stores, customers, products, order lifecycles and the
 * orders themselves. Immutable after construction and shared between threads; every order is rebuilt from
 * hash(seed, order id), so any earlier order can be reconstructed cheaply.
 */
final class Shop {
    /** Clean orders of an hour have index i below this; injected orders use 90_000 and up. */
    static final int MAX_ORDERS_PER_HOUR = 90_000;
    static final long ORDER_ID_HOUR_FACTOR = 100_000;
    static final String[] CHANNELS = {"store", "web", "mobile"};
    static final int STORE = 0;
    static final int WEB = 1;
    static final int MOBILE = 2;
    static final String[] METHODS = {"card", "paypal", "gift_card", "cash"};
    static final int CARD = 0;
    static final int PAYPAL = 1;
    static final int GIFT_CARD = 2;
    static final int CASH = 3;
    static final int MAX_LINES = 6;
    private static final double[] LINES_CUMULATIVE = {0.35, 0.60, 0.77, 0.88, 0.95, 1.0};

    final long seed;
    final double scale;
    final long start;
    final Pools pools;
    final Stores stores;
    final Customers customers;
    final Products products;
    final Lifecycle lifecycle;
    final HourCounts counts;

    Shop(long seed, double scale, long start) {
        this.seed = seed;
        this.scale = scale;
        this.start = start;
        this.pools = Pools.forSeed(seed);
        this.stores = new Stores(seed, start, scale);
        this.customers = new Customers(seed, start, scale, pools);
        this.products = new Products(seed, start);
        this.lifecycle = new Lifecycle(seed);
        this.counts = new HourCounts(this);
    }

    /** Orders placed in hour h (a Poisson draw around the volume curve). */
    int orderCount(long h) {
        if (h < start) {
            return 0;
        }
        double mean = Volume.expectedOrders(h, start, scale);
        return Math.min(MAX_ORDERS_PER_HOUR, Volume.poisson(mean, Hash.of(seed, Hash.COUNT, h)));
    }

    static long orderId(long hour, int index) {
        return hour * ORDER_ID_HOUR_FACTOR + index;
    }

    /** An order under construction; reused. */
    static final class Draft {
        long orderId;
        long hour;
        int profile;
        long customerIndex;
        int storeIndex;
        int channel;
        long orderAt;
        int method;
        boolean failedAttempt;
        long failedAt;
        long paidAt;
        boolean paysLater;
        int lines;
        final long[] productIndex = new long[MAX_LINES];
        final int[] quantity = new int[MAX_LINES];
        final long[] unitPrice = new long[MAX_LINES];
        final long[] discount = new long[MAX_LINES];
        long total;
        /** Sum of quantity * unit cost over the lines, in cents. */
        long cost;
    }

    /**
     * Rebuilds order i of hour p (of n orders that hour, profile offset offset). The header is drawn first, so a
     * header-only build (withLines false) gives the same header as a full one.
     */
    void buildOrder(long p, int i, int n, int offset, boolean withLines, Rng rng, Draft d) {
        d.orderId = orderId(p, i);
        d.hour = p;
        d.profile = (i + offset) % Lifecycle.PROFILES;
        d.paysLater = lifecycle.paysLater(d.profile);
        rng.reset(Hash.of(seed, Hash.ORDER, d.orderId));
        int slot = Math.max(1, 3600 / n);
        int second = Math.min(3599, (int) ((long) i * 3600 / n) + rng.below(slot));
        d.orderAt = p * 3600 + second;
        double c = rng.unit();
        d.channel = c < 0.55 ? STORE : c < 0.85 ? WEB : MOBILE;
        d.storeIndex = d.channel == STORE ? 2 + rng.below(stores.physicalCountAt(p)) : d.channel == WEB ? 0 : 1;
        long population = customers.countAt(p);
        long k = 0;
        for (int attempt = 0; attempt < 64; attempt++) {
            k = rng.below(population);
            if (rng.unit() < customers.propensity(k)) {
                break;
            }
        }
        d.customerIndex = k;
        double m = rng.unit();
        if (d.channel == STORE) {
            d.method = m < 0.70 ? CARD : m < 0.95 ? CASH : GIFT_CARD;
        } else if (d.channel == WEB) {
            d.method = m < 0.72 ? CARD : m < 0.96 ? PAYPAL : GIFT_CARD;
        } else {
            d.method = m < 0.60 ? CARD : m < 0.96 ? PAYPAL : GIFT_CARD;
        }
        if (d.paysLater && d.method == CASH) {
            d.method = CARD;
        }
        boolean failing = rng.chance(0.05);
        d.failedAttempt = failing && !d.paysLater && (d.method == CARD || d.method == PAYPAL);
        long end = p * 3600 + 3599;
        d.failedAt = Math.min(end, d.orderAt + rng.between(5, 60));
        d.paidAt = Math.min(end, (d.failedAttempt ? d.failedAt : d.orderAt) + rng.between(5, 120));
        if (!withLines) {
            return;
        }
        double l = rng.unit();
        int lines = 1;
        while (l >= LINES_CUMULATIVE[lines - 1]) {
            lines++;
        }
        d.lines = lines;
        long catalog = products.countAt(p);
        long total = 0;
        long cost = 0;
        for (int line = 0; line < lines; line++) {
            long product = 0;
            for (int attempt = 0; attempt < 64; attempt++) {
                product = rng.below(catalog);
                if (rng.unit() < products.popularity(product) && !taken(d, line, product)) {
                    break;
                }
            }
            if (taken(d, line, product)) {
                // rare fallback: the next free product id keeps lines distinct
                while (taken(d, line, product)) {
                    product = (product + 1) % catalog;
                }
            }
            double q = rng.unit();
            int quantity = q < 0.65 ? 1 : q < 0.87 ? 2 : q < 0.96 ? 3 : rng.between(4, 6);
            long price = products.priceAt(product, p);
            cost += quantity * products.unitCost(product);
            long gross = quantity * price;
            long discount = rng.unit() < 0.72 ? 0 : gross * (5L * rng.between(1, 5)) / 100;
            d.productIndex[line] = product;
            d.quantity[line] = quantity;
            d.unitPrice[line] = price;
            d.discount[line] = discount;
            total += gross - discount;
        }
        d.total = total;
        d.cost = cost;
    }

    private static boolean taken(Draft d, int lines, long product) {
        for (int j = 0; j < lines; j++) {
            if (d.productIndex[j] == product) {
                return true;
            }
        }
        return false;
    }

    /** The time of an order's lifecycle stage inside hour h. */
    long stageTime(long orderId, int stage, long h) {
        return h * 3600 + Hash.below(Hash.of(seed, Hash.ORDER_EVENT, orderId, stage), 3600);
    }
}
