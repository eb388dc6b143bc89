package dev.retailpipeline.generator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A month of hours: customers and products change, orders move through their lifecycle in later hours. */
class ChangesTest {
    private static final Map<Long, List<CustomerRow>> CUSTOMER_VERSIONS = new HashMap<>();
    private static final Map<Long, List<ProductRow>> PRODUCT_VERSIONS = new HashMap<>();
    private static final Map<String, Integer> LATER_STATUS = new HashMap<>();
    private static final Map<Long, List<OrderRow>> ORDER_VERSIONS = new HashMap<>();

    @BeforeAll
    static void generateMonth() {
        for (long h = START; h < START + 30 * 24; h++) {
            Batch b = GENERATOR.generate(new BatchSpec(33, h, 1, 0));
            b.customers().forEach(c -> CUSTOMER_VERSIONS.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c));
            b.products().forEach(p -> PRODUCT_VERSIONS.computeIfAbsent(p.productId(), k -> new ArrayList<>()).add(p));
            for (OrderRow o : b.orders()) {
                if (o.orderAt() / 3600 < h) {
                    LATER_STATUS.merge(o.status(), 1, Integer::sum);
                }
                if (o.orderId() / 100_000 < START + 24 * 7) {
                    ORDER_VERSIONS.computeIfAbsent(o.orderId(), k -> new ArrayList<>()).add(o);
                }
            }
        }
    }

    @Test
    void someCustomersGetANewVersionWithAChangedAddressOrEmail() {
        int moved = 0;
        int newEmail = 0;
        for (List<CustomerRow> versions : CUSTOMER_VERSIONS.values()) {
            for (int v = 1; v < versions.size(); v++) {
                CustomerRow before = versions.get(v - 1);
                CustomerRow after = versions.get(v);
                assertTrue(after.updatedAt() > before.updatedAt());
                assertEquals(before.signupAt(), after.signupAt());
                assertEquals(before.firstName(), after.firstName());
                if (!before.street().equals(after.street())) {
                    moved++;
                }
                if (!before.email().equals(after.email())) {
                    newEmail++;
                }
            }
        }
        assertTrue(moved > 20, "moves: " + moved);
        assertTrue(newEmail > 10, "e-mail changes: " + newEmail);
    }

    @Test
    void someProductsChangePriceAndTheOrdersUseThePriceOfTheirHour() {
        int changes = 0;
        for (List<ProductRow> versions : PRODUCT_VERSIONS.values()) {
            for (int v = 1; v < versions.size(); v++) {
                assertNotEquals(versions.get(v - 1).unitPriceCents(), versions.get(v).unitPriceCents());
                assertEquals(99, versions.get(v).unitPriceCents() % 100 % 10 == 9 ? 99 : -1);
                changes++;
            }
        }
        assertTrue(changes > 20, "price changes: " + changes);
        ProductRow changed = PRODUCT_VERSIONS.values().stream().filter(v -> v.size() > 1).findFirst()
                .orElseThrow().get(1);
        long changeHour = changed.updatedAt() / 3600;
        assertEquals(changed, GENERATOR.productAsOf(33, 1, changed.productId(), changeHour));
        assertNotEquals(changed.unitPriceCents(),
                GENERATOR.productAsOf(33, 1, changed.productId(), changeHour - 1).unitPriceCents());
    }

    @Test
    void ordersReachShippedAndDeliveredInLaterHoursInDistinctHours() {
        assertTrue(LATER_STATUS.getOrDefault("shipped", 0) > 1000, LATER_STATUS.toString());
        assertTrue(LATER_STATUS.getOrDefault("delivered", 0) > 1000, LATER_STATUS.toString());
        assertTrue(LATER_STATUS.getOrDefault("cancelled", 0) > 10, LATER_STATUS.toString());
        assertTrue(LATER_STATUS.getOrDefault("returned", 0) > 10, LATER_STATUS.toString());
        assertTrue(LATER_STATUS.getOrDefault("paid", 0) > 10, LATER_STATUS.toString());
        List<String> order = List.of("placed", "paid", "shipped", "delivered", "returned");
        for (List<OrderRow> versions : ORDER_VERSIONS.values()) {
            for (int v = 1; v < versions.size(); v++) {
                OrderRow before = versions.get(v - 1);
                OrderRow after = versions.get(v);
                assertTrue(after.updatedAt() / 3600 > before.updatedAt() / 3600, "distinct hours " + versions);
                assertEquals(before.customerId(), after.customerId());
                assertEquals(before.orderAt(), after.orderAt());
                if (!after.status().equals("cancelled")) {
                    assertTrue(order.indexOf(after.status()) > order.indexOf(before.status()), versions.toString());
                }
            }
        }
    }
}
