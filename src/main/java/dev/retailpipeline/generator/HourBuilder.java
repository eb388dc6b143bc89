package dev.retailpipeline.generator;

import java.util.ArrayList;
import java.util.List;

/** Builds the batch of one hour from the shop model. One instance per generation call (not thread-safe). */
final class HourBuilder {
    private final Shop shop;
    private final HourCounts counts;
    private final Rng rng = new Rng();
    private final Shop.Draft draft = new Shop.Draft();
    /** Totals of the hour being built, over its placed orders. */
    private long units;
    private long revenue;
    private long cost;

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
        units = 0;
        revenue = 0;
        cost = 0;
        int offset = shop.lifecycle.offset(h);
        for (int i = 0; i < placed; i++) {
            placeOrder(h, i, placed, offset, orders, items, payments);
        }

        Summary summary = new Summary(h, stores.size(), customers.size(), products.size(), orders.size(),
                items.size(), payments.size(), 0, placed, units, revenue, cost, refunds);
        Batch clean = new Batch(spec, stores, customers, products, orders, items, payments, List.of(), summary);
        if (spec.dirty() <= 0) {
            return clean;
        }
        return new Dirt(shop, spec).inject(clean);
    }

    /** Order i of the hour's placed orders: its row, lines and payments; adds to units, revenue and cost. */
    private void placeOrder(long h, int i, int placed, int offset, List<OrderRow> orders, List<OrderItemRow> items,
                            List<PaymentRow> payments) {
        Shop.Draft d = draft;
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
        cost += d.cost;
        if (!d.paysLater) {
            String method = Shop.METHODS[d.method];
            if (d.failedAttempt) {
                payments.add(new PaymentRow(d.orderId * 10, d.orderId, method, "failed", d.total, d.failedAt));
            }
            payments.add(new PaymentRow(d.orderId * 10 + 1, d.orderId, method, "captured", d.total, d.paidAt));
        }
    }

    /**
     * Adds the hour's lifecycle transitions of earlier orders (rows and payments), in order id order; returns the
     * refunded cents. Placement hours are visited oldest first, and within one the orders reaching a stage now are
     * those with index i = r (mod PROFILES) for the residues r = profile - offset of the profiles reaching a stage
     * at this delay: walking the residues in ascending order, block by block, gives ascending i without sorting.
     * An order has at most one transition in an hour.
     */
    private long addTransitions(long h, List<OrderRow> orders, List<PaymentRow> payments) {
        Lifecycle life = shop.lifecycle;
        long refunds = 0;
        long oldest = Math.min(life.maxDelay, h - shop.start);
        for (int delay = (int) oldest; delay >= 1; delay--) {
            int[] profiles = life.profilesAt[delay];
            if (profiles.length == 0) {
                continue;
            }
            long p = h - delay;
            int placed = counts.get(p);
            if (placed == 0) {
                continue;
            }
            refunds += transitionsOf(h, p, placed, profiles, life.stagesAt[delay], orders, payments);
        }
        return refunds;
    }

    /** The transitions in hour h of the orders placed in hour p (see addTransitions). */
    private long transitionsOf(long h, long p, int placed, int[] profiles, int[] stages, List<OrderRow> orders,
                               List<PaymentRow> payments) {
        int offset = shop.lifecycle.offset(p);
        // profiles at or above offset have residue profile - offset, the others profile - offset + PROFILES
        int split = 0;
        while (split < profiles.length && profiles[split] < offset) {
            split++;
        }
        long refunds = 0;
        for (int block = 0; block < placed; block += Lifecycle.PROFILES) {
            for (int k = split; k < profiles.length; k++) {
                int i = block + profiles[k] - offset;
                if (i >= placed) {
                    return refunds;
                }
                refunds += transition(h, p, i, placed, offset, stages[k], orders, payments);
            }
            for (int k = 0; k < split; k++) {
                int i = block + profiles[k] - offset + Lifecycle.PROFILES;
                if (i >= placed) {
                    return refunds;
                }
                refunds += transition(h, p, i, placed, offset, stages[k], orders, payments);
            }
        }
        return refunds;
    }

    /** Order i of hour p reaching a stage in hour h: its row again, and a payment for pay, cancel and return. */
    private long transition(long h, long p, int i, int placed, int offset, int stage, List<OrderRow> orders,
                            List<PaymentRow> payments) {
        Shop.Draft d = draft;
        boolean needsTotal = stage == Lifecycle.PAY || stage == Lifecycle.CANCEL || stage == Lifecycle.RETURN;
        shop.buildOrder(p, i, placed, offset, needsTotal, rng, d);
        long orderId = d.orderId;
        long at = shop.stageTime(orderId, stage, h);
        orders.add(new OrderRow(orderId, d.customerIndex + 1, d.storeIndex + 1, Shop.CHANNELS[d.channel],
                Lifecycle.STATUS[stage], d.orderAt, at));
        String method = Shop.METHODS[d.method];
        if (stage == Lifecycle.PAY) {
            payments.add(new PaymentRow(orderId * 10 + 1, orderId, method, "captured", d.total, at));
        } else if (stage == Lifecycle.CANCEL || stage == Lifecycle.RETURN) {
            payments.add(new PaymentRow(orderId * 10 + 2, orderId, method, "refunded", d.total, at));
            return d.total;
        }
        return 0;
    }
}
