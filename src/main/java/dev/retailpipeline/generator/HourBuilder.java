package dev.retailpipeline.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the batch of one hour from the shop model. One instance per generation call (not thread-safe). */
final class HourBuilder {
    private final Shop shop;
    private final HourCounts counts;
    private final Rng rng = new Rng();
    private final Shop.Draft draft = new Shop.Draft();
    private long[] transitions = new long[256];

    HourBuilder(Shop shop) {
        this.shop = shop;
        this.counts = shop.counts;
    }

    Batch build(BatchSpec spec) {
        long h = spec.hour();
        if (h < shop.start) {
            return Batch.empty(spec);
        }
        List<StoreRow> stores = new ArrayList<>();
        for (int k = shop.stores.countAt(h - 1); k < shop.stores.countAt(h); k++) {
            stores.add(shop.stores.row(k));
        }

        List<CustomerRow> customers = new ArrayList<>();
        for (long k : shop.customers.changedAt(h)) {
            customers.add(shop.customers.asOf(k, h));
        }
        for (long k = shop.customers.countAt(h - 1); k < shop.customers.countAt(h); k++) {
            customers.add(shop.customers.asOf(k, h));
        }

        List<ProductRow> products = new ArrayList<>();
        for (long k : shop.products.changedAt(h)) {
            products.add(shop.products.asOf(k, h));
        }
        for (long k = shop.products.countAt(h - 1); k < shop.products.countAt(h); k++) {
            products.add(shop.products.asOf(k, h));
        }

        int placed = counts.get(h);
        List<OrderRow> orders = new ArrayList<>(placed + placed / 2 + 16);
        List<OrderItemRow> items = new ArrayList<>(placed * 3);
        List<PaymentRow> payments = new ArrayList<>(placed + placed / 4 + 16);
        long refunds = addTransitions(h, orders, payments);

        int offset = shop.lifecycle.offset(h);
        Shop.Draft d = draft;
        long units = 0;
        long revenue = 0;
        for (int i = 0; i < placed; i++) {
            shop.buildOrder(h, i, placed, offset, true, rng, d);
            long customerId = d.customerIndex + 1;
            if (d.paysLater) {
                orders.add(new OrderRow(d.orderId, customerId, d.storeIndex + 1, Shop.CHANNELS[d.channel], "placed",
                        d.orderAt, d.orderAt));
            } else {
                orders.add(new OrderRow(d.orderId, customerId, d.storeIndex + 1, Shop.CHANNELS[d.channel], "paid",
                        d.orderAt, d.paidAt));
            }
            for (int line = 0; line < d.lines; line++) {
                items.add(new OrderItemRow(d.orderId * 10 + line + 1, d.orderId, line + 1, d.productIndex[line] + 1,
                        d.quantity[line], d.unitPrice[line], d.discount[line]));
                units += d.quantity[line];
            }
            revenue += d.total;
            if (!d.paysLater) {
                String method = Shop.METHODS[d.method];
                if (d.failedAttempt) {
                    payments.add(new PaymentRow(d.orderId * 10, d.orderId, method, "failed", d.total, d.failedAt));
                }
                payments.add(new PaymentRow(d.orderId * 10 + 1, d.orderId, method, "captured", d.total, d.paidAt));
            }
        }

        Summary summary = new Summary(h, stores.size(), customers.size(), products.size(), orders.size(),
                items.size(), payments.size(), 0, placed, units, revenue, refunds);
        Batch clean = new Batch(spec, stores, customers, products, orders, items, payments, List.of(), summary);
        if (spec.dirty() <= 0) {
            return clean;
        }
        return new Dirt(shop, spec).inject(clean);
    }

    /**
     * The shop's state at the end of an hour as one batch of that hour: every store, customer and product that
     * exists by then, each as its latest version; no orders. A warehouse that starts its history later than
     * the shop's opening loads this first, so the dimensions know everybody its later batches refer to.
     */
    Batch snapshot(BatchSpec spec) {
        long h = spec.hour();
        if (h < shop.start) {
            return Batch.empty(spec);
        }
        List<StoreRow> stores = new ArrayList<>();
        for (int k = 0; k < shop.stores.countAt(h); k++) {
            stores.add(shop.stores.row(k));
        }
        List<CustomerRow> customers = new ArrayList<>();
        for (long k = 0; k < shop.customers.countAt(h); k++) {
            customers.add(shop.customers.asOf(k, h));
        }
        List<ProductRow> products = new ArrayList<>();
        for (long k = 0; k < shop.products.countAt(h); k++) {
            products.add(shop.products.asOf(k, h));
        }
        Summary summary = new Summary(h, stores.size(), customers.size(), products.size(), 0, 0, 0, 0, 0, 0, 0, 0, true);
        return new Batch(spec, stores, customers, products, List.of(), List.of(), List.of(), List.of(), summary);
    }

    /** Adds the hour's lifecycle transitions of earlier orders (rows and payments); returns the refunded cents. */
    private long addTransitions(long h, List<OrderRow> orders, List<PaymentRow> payments) {
        Lifecycle life = shop.lifecycle;
        int n = 0;
        for (int delay = 1; delay <= life.maxDelay; delay++) {
            long p = h - delay;
            if (p < shop.start) {
                break;
            }
            int placed = counts.get(p);
            if (placed == 0) {
                continue;
            }
            int offset = life.offset(p);
            for (int stage = 0; stage < Lifecycle.STAGES; stage++) {
                for (int profile : life.byDelay[stage][delay]) {
                    for (int i = Math.floorMod(profile - offset, Lifecycle.PROFILES); i < placed;
                         i += Lifecycle.PROFILES) {
                        if (n == transitions.length) {
                            transitions = Arrays.copyOf(transitions, n * 2);
                        }
                        transitions[n++] = Shop.orderId(p, i) * 8 + stage;
                    }
                }
            }
        }
        Arrays.sort(transitions, 0, n);
        long refunds = 0;
        Shop.Draft d = draft;
        for (int t = 0; t < n; t++) {
            long orderId = transitions[t] >> 3;
            int stage = (int) (transitions[t] & 7);
            long p = orderId / Shop.ORDER_ID_HOUR_FACTOR;
            int i = (int) (orderId - p * Shop.ORDER_ID_HOUR_FACTOR);
            boolean needsTotal = stage == Lifecycle.PAY || stage == Lifecycle.CANCEL || stage == Lifecycle.RETURN;
            shop.buildOrder(p, i, counts.get(p), shop.lifecycle.offset(p), needsTotal, rng, d);
            long at = shop.stageTime(orderId, stage, h);
            orders.add(new OrderRow(orderId, d.customerIndex + 1, d.storeIndex + 1, Shop.CHANNELS[d.channel],
                    Lifecycle.STATUS[stage], d.orderAt, at));
            String method = Shop.METHODS[d.method];
            if (stage == Lifecycle.PAY) {
                payments.add(new PaymentRow(orderId * 10 + 1, orderId, method, "captured", d.total, at));
            } else if (stage == Lifecycle.CANCEL || stage == Lifecycle.RETURN) {
                payments.add(new PaymentRow(orderId * 10 + 2, orderId, method, "refunded", d.total, at));
                refunds += d.total;
            }
        }
        return refunds;
    }
}
