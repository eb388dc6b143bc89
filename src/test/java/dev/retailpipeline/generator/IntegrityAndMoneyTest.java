package dev.retailpipeline.generator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A clean week of hours from the opening, scale 1: references resolve and money adds up to the cent. */
class IntegrityAndMoneyTest {
    private static final List<Batch> WEEK = new ArrayList<>();

    @BeforeAll
    static void generateWeek() {
        for (long h = START; h < START + 7 * 24; h++) {
            WEEK.add(GENERATOR.generate(new BatchSpec(21, h, 1, 0)));
        }
    }

    @Test
    void orderItemsAndPaymentsReferenceAnOrderOfTheSameBatch() {
        for (Batch b : WEEK) {
            Set<Long> orders = new HashSet<>();
            b.orders().forEach(o -> orders.add(o.orderId()));
            b.orderItems().forEach(i -> assertTrue(orders.contains(i.orderId()), "item " + i));
            b.payments().forEach(p -> assertTrue(orders.contains(p.orderId()), "payment " + p));
        }
    }

    @Test
    void ordersReferenceCustomersProductsAndStoresOfThisOrAnEarlierBatch() {
        Set<Long> customers = new HashSet<>();
        Set<Long> products = new HashSet<>();
        Set<Long> stores = new HashSet<>();
        long orderRows = 0;
        for (Batch b : WEEK) {
            b.customers().forEach(c -> customers.add(c.customerId()));
            b.products().forEach(p -> products.add(p.productId()));
            b.stores().forEach(s -> stores.add(s.storeId()));
            for (OrderRow o : b.orders()) {
                assertTrue(customers.contains(o.customerId()), "customer of " + o);
                assertTrue(stores.contains(o.storeId()), "store of " + o);
                orderRows++;
            }
            b.orderItems().forEach(i -> assertTrue(products.contains(i.productId()), "product of " + i));
        }
        assertTrue(orderRows > 5000, "a week has thousands of order rows, was " + orderRows);
    }

    @Test
    void everyOrdersCapturedPaymentsEqualItsTotalToTheCent() {
        Map<Long, Long> totals = new HashMap<>();
        Map<Long, Long> captured = new HashMap<>();
        Map<Long, Long> refunded = new HashMap<>();
        for (Batch b : WEEK) {
            b.orderItems().forEach(i -> totals.merge(i.orderId(), i.netCents(), Long::sum));
            for (PaymentRow p : b.payments()) {
                if (p.status().equals("captured")) {
                    captured.merge(p.orderId(), p.amountCents(), Long::sum);
                } else if (p.status().equals("refunded")) {
                    refunded.merge(p.orderId(), p.amountCents(), Long::sum);
                }
            }
        }
        int checked = 0;
        for (Map.Entry<Long, Long> e : totals.entrySet()) {
            Long paid = captured.get(e.getKey());
            if (paid == null) {
                // pays later: only the last hours' orders may still wait for their payment
                assertTrue(e.getKey() / 100_000 >= START + 7 * 24 - 4, "order " + e.getKey() + " never paid");
                continue;
            }
            assertEquals(e.getValue(), paid, "order " + e.getKey());
            checked++;
        }
        assertTrue(checked > 5000);
        refunded.forEach((order, amount) -> assertEquals(totals.get(order), amount, "refund of " + order));
        assertTrue(refunded.size() > 10, "some orders are cancelled with a refund");
        assertTrue(totals.values().stream().allMatch(t -> t > 0));
    }

    @Test
    void theSummaryEqualsTotalsRecomputedFromTheRows() {
        for (Batch b : WEEK) {
            Summary s = b.summary();
            long units = 0;
            long revenue = 0;
            for (OrderItemRow i : b.orderItems()) {
                units += i.quantity();
                revenue += i.netCents();
            }
            long refunds = b.payments().stream().filter(p -> p.status().equals("refunded"))
                    .mapToLong(PaymentRow::amountCents).sum();
            long placed = b.orders().stream().filter(o -> o.orderAt() / 3600 == b.hour()).count();
            assertEquals(units, s.units());
            assertEquals(revenue, s.revenueCents());
            assertEquals(refunds, s.refundsCents());
            assertEquals(placed, s.ordersPlaced());
            assertEquals(b.orders().size(), s.orders());
            assertEquals(b.orderItems().size(), s.orderItems());
            assertEquals(b.payments().size(), s.payments());
            assertEquals(b.customers().size(), s.customers());
            assertEquals(0, s.dirtyRows());
        }
    }

    @Test
    void valuesAreConsistent() {
        Map<String, Set<String>> statesByPrefix = new HashMap<>();
        for (Batch b : WEEK) {
            for (CustomerRow c : b.customers()) {
                String email = c.email();
                String local = email.substring(0, email.indexOf('@'));
                String first = c.firstName().toLowerCase().replaceAll("[^a-z]", "");
                String last = c.lastName().toLowerCase().replaceAll("[^a-z]", "");
                assertTrue(local.contains(first) || local.contains(last), "e-mail matches the name: " + c);
                assertTrue(GeneratorFixtures.VALID_EMAIL.matcher(email).matches(), email);
                statesByPrefix.computeIfAbsent(c.postalCode().substring(0, 3), k -> new HashSet<>()).add(c.state());
            }
            for (OrderItemRow i : b.orderItems()) {
                assertTrue(i.discountCents() >= 0 && i.discountCents() <= i.quantity() * i.unitPriceCents() / 4);
            }
            Map<Long, OrderRow> orders = new HashMap<>();
            b.orders().forEach(o -> orders.put(o.orderId(), o));
            for (PaymentRow p : b.payments()) {
                OrderRow o = orders.get(p.orderId());
                if (p.method().equals("cash")) {
                    assertEquals("store", o.channel(), "cash only in stores");
                }
                if (p.method().equals("paypal")) {
                    assertTrue(!o.channel().equals("store"), "paypal online only");
                }
            }
        }
        statesByPrefix.forEach((prefix, states) -> assertEquals(1, states.size(), "zip " + prefix + " " + states));
    }
}
