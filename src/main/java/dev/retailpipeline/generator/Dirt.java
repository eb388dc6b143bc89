package dev.retailpipeline.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Injects dirty rows on top of a clean batch (clean rows are never altered): per kind about rate x the relevant
 * row count, deterministic from (seed, hour). Every injected row gets exactly one manifest entry. Injected rows
 * are interleaved with the clean rows at hashed positions.
 *
 * <p>Keys of injected rows: duplicates keep the copied row's key; new customers get ids from 10^12 up; new orders
 * ids hour*100000 + 90000.. (late rows) and + 95000.. (null customer); extra order_items on a clean order of the
 * hour get order_id*10 + 7 (negative quantity), + 8 (unknown product), + 9 (null product); extra payments
 * order_id*10 + 8 (null amount).
 */
final class Dirt {
    static final long DIRTY_CUSTOMER_BASE = 1_000_000_000_000L;
    static final long UNKNOWN_PRODUCT_BASE = 900_000_000L;

    private final Shop shop;
    private final BatchSpec spec;
    private final long h;
    private final List<ManifestEntry> manifest = new ArrayList<>();

    Dirt(Shop shop, BatchSpec spec) {
        this.shop = shop;
        this.spec = spec;
        this.h = spec.hour();
    }

    private long hash(long kind, long j) {
        return Hash.of(spec.seed(), Hash.DIRT, h, kind * 1_000_003L + j);
    }

    /** floor(rate * n + u): unbiased, deterministic rounding of an expected count. */
    private int count(long kind, int n, int cap) {
        if (n == 0) {
            return 0;
        }
        double expected = spec.dirty() * n;
        int c = (int) Math.floor(expected + Hash.unit(hash(kind, -1)));
        return Math.min(c, cap);
    }

    private <T> T pick(List<T> rows, long kind, long j) {
        return rows.get((int) Hash.below(hash(kind, j), rows.size()));
    }

    private void note(String table, long key, DirtKind kind) {
        manifest.add(new ManifestEntry(table, key, kind.label()));
    }

    Batch inject(Batch clean) {
        List<CustomerRow> customers = new ArrayList<>();
        List<ProductRow> products = new ArrayList<>();
        List<OrderRow> orders = new ArrayList<>();
        List<OrderItemRow> items = new ArrayList<>();
        List<PaymentRow> payments = new ArrayList<>();

        // duplicates: exact copies of clean rows
        for (int j = 0, c = count(1, clean.customers().size(), 50_000); j < c; j++) {
            CustomerRow r = pick(clean.customers(), 1, j);
            customers.add(r);
            note("customers", r.customerId(), DirtKind.DUPLICATE);
        }
        for (int j = 0, c = count(2, clean.products().size(), 50_000); j < c; j++) {
            ProductRow r = pick(clean.products(), 2, j);
            products.add(r);
            note("products", r.productId(), DirtKind.DUPLICATE);
        }
        for (int j = 0, c = count(3, clean.orders().size(), 50_000); j < c; j++) {
            OrderRow r = pick(clean.orders(), 3, j);
            orders.add(r);
            note("orders", r.orderId(), DirtKind.DUPLICATE);
        }
        for (int j = 0, c = count(4, clean.orderItems().size(), 50_000); j < c; j++) {
            OrderItemRow r = pick(clean.orderItems(), 4, j);
            items.add(r);
            note("order_items", r.orderItemId(), DirtKind.DUPLICATE);
        }
        for (int j = 0, c = count(5, clean.payments().size(), 50_000); j < c; j++) {
            PaymentRow r = pick(clean.payments(), 5, j);
            payments.add(r);
            note("payments", r.paymentId(), DirtKind.DUPLICATE);
        }

        // customers: null e-mail and malformed e-mail, as new customers copied from a clean one
        for (int j = 0, c = count(10, clean.customers().size(), 50_000); j < c; j++) {
            CustomerRow r = pick(clean.customers(), 10, j);
            long id = DIRTY_CUSTOMER_BASE + h * 100_000 + j;
            customers.add(withEmail(r, id, null));
            note("customers", id, DirtKind.NULL_REQUIRED);
        }
        for (int j = 0, c = count(11, clean.customers().size(), 50_000); j < c; j++) {
            CustomerRow r = pick(clean.customers(), 11, j);
            long id = DIRTY_CUSTOMER_BASE + h * 100_000 + 50_000 + j;
            customers.add(withEmail(r, id, malformed(r.email(), hash(12, j))));
            note("customers", id, DirtKind.MALFORMED_EMAIL);
        }

        // orders placed this hour: the only ones extra lines and payments are attached to
        List<OrderRow> placed = new ArrayList<>();
        long firstPlaced = Shop.orderId(h, 0);
        for (OrderRow o : clean.orders()) {
            if (o.orderId() >= firstPlaced) {
                placed.add(o);
            }
        }
        for (int j = 0, c = count(20, placed.size(), 5_000); j < c; j++) {
            OrderRow r = pick(placed, 20, j);
            long id = Shop.orderId(h, 95_000 + j);
            orders.add(new OrderRow(id, null, r.storeId(), r.channel(), r.status(), r.orderAt(), r.updatedAt()));
            note("orders", id, DirtKind.NULL_REQUIRED);
        }
        for (int j = 0, c = count(21, placed.size(), 5_000); j < c; j++) {
            OrderRow r = pick(placed, 21, j);
            long id = Shop.orderId(h, 90_000 + j);
            long hoursLate = 1 + Hash.below(hash(22, j), 48);
            orders.add(new OrderRow(id, r.customerId(), r.storeId(), r.channel(), r.status(),
                    r.orderAt() - hoursLate * 3600, r.updatedAt()));
            note("orders", id, DirtKind.LATE_ROW);
        }

        int itemRows = clean.orderItems().size();
        int distinctOrders = placed.size();
        long catalog = shop.products.countAt(h);
        long offset = Hash.below(hash(30, 0), Math.max(1, distinctOrders));
        for (int j = 0, c = count(31, itemRows, distinctOrders); j < c; j++) {
            OrderRow o = placed.get((int) ((offset + j) % distinctOrders));
            long product = Hash.below(hash(32, j), catalog);
            int quantity = -(1 + (int) Hash.below(hash(33, j), 3));
            long id = o.orderId() * 10 + 7;
            items.add(new OrderItemRow(id, o.orderId(), 7, product + 1, quantity,
                    shop.products.priceAt(product, h), 0));
            note("order_items", id, DirtKind.NEGATIVE_QUANTITY);
        }
        for (int j = 0, c = count(34, itemRows, distinctOrders); j < c; j++) {
            OrderRow o = placed.get((int) ((offset + 7 * j + 1) % distinctOrders));
            long id = o.orderId() * 10 + 8;
            long product = UNKNOWN_PRODUCT_BASE + Hash.below(hash(35, j), 100_000_000);
            items.add(new OrderItemRow(id, o.orderId(), 8, product, 1,
                    Products.round99(999 + Hash.below(hash(36, j), 9000)), 0));
            note("order_items", id, DirtKind.UNKNOWN_PRODUCT);
        }
        for (int j = 0, c = count(37, itemRows, distinctOrders); j < c; j++) {
            OrderRow o = placed.get((int) ((offset + 3 * j + 2) % distinctOrders));
            long id = o.orderId() * 10 + 9;
            items.add(new OrderItemRow(id, o.orderId(), 9, null, 1,
                    Products.round99(999 + Hash.below(hash(38, j), 9000)), 0));
            note("order_items", id, DirtKind.NULL_REQUIRED);
        }
        for (int j = 0, c = count(40, clean.payments().size(), distinctOrders); j < c; j++) {
            OrderRow o = placed.get((int) ((offset + 5 * j + 3) % distinctOrders));
            long id = o.orderId() * 10 + 8;
            payments.add(new PaymentRow(id, o.orderId(), "card", "captured", null, o.updatedAt()));
            note("payments", id, DirtKind.NULL_REQUIRED);
        }

        Summary s = clean.summary();
        Summary summary = new Summary(s.hour(), s.stores(), s.customers(), s.products(), s.orders(),
                s.orderItems(), s.payments(), manifest.size(), s.ordersPlaced(), s.units(), s.revenueCents(),
                s.costCents(), s.refundsCents());
        return new Batch(spec, clean.stores(), interleave(clean.customers(), customers, 50),
                interleave(clean.products(), products, 51), interleave(clean.orders(), orders, 52),
                interleave(clean.orderItems(), items, 53), interleave(clean.payments(), payments, 54),
                manifest, summary);
    }

    private static CustomerRow withEmail(CustomerRow r, long id, String email) {
        return new CustomerRow(id, r.firstName(), r.lastName(), email, r.phone(), r.street(), r.city(), r.state(),
                r.postalCode(), r.country(), r.loyaltyTier(), r.signupAt(), r.updatedAt());
    }

    static String malformed(String email, long hash) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        return switch ((int) Hash.below(hash, 6)) {
            case 0 -> local + domain; // missing @
            case 1 -> local + "@@" + domain;
            case 2 -> local + "@";
            case 3 -> "@" + domain;
            case 4 -> local.replace('.', ' ') + " @" + domain;
            default -> local + "@" + domain.substring(0, domain.lastIndexOf('.'));
        };
    }

    /** Inserts the extras into the clean rows at hashed positions (clean rows keep their order). */
    private <T> List<T> interleave(List<T> clean, List<T> extras, long kind) {
        if (extras.isEmpty()) {
            return clean;
        }
        int n = clean.size();
        int[] position = new int[extras.size()];
        Integer[] order = new Integer[extras.size()];
        for (int j = 0; j < extras.size(); j++) {
            position[j] = (int) Hash.below(hash(kind, j), n + 1L);
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> position[a] != position[b]
                ? Integer.compare(position[a], position[b]) : Integer.compare(a, b));
        List<T> out = new ArrayList<>(n + extras.size());
        int next = 0;
        for (int i = 0; i <= n; i++) {
            while (next < order.length && position[order[next]] == i) {
                out.add(extras.get(order[next++]));
            }
            if (i < n) {
                out.add(clean.get(i));
            }
        }
        return out;
    }
}
