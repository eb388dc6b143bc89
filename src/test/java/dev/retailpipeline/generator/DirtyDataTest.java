package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static dev.retailpipeline.generator.GeneratorFixtures.VALID_EMAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirtyDataTest {

    private static long key(String table, Object row) {
        return switch (table) {
            case "stores" -> ((StoreRow) row).storeId();
            case "customers" -> ((CustomerRow) row).customerId();
            case "products" -> ((ProductRow) row).productId();
            case "orders" -> ((OrderRow) row).orderId();
            case "order_items" -> ((OrderItemRow) row).orderItemId();
            default -> ((PaymentRow) row).paymentId();
        };
    }

    @Test
    void theDirtyBatchIsTheCleanBatchPlusExactlyTheManifestsRows() {
        Set<String> kinds = new HashSet<>();
        for (long h : new long[]{START, START + 19, START + 200}) {
            Batch clean = GENERATOR.generate(new BatchSpec(77, h, 1, 0));
            Batch dirty = GENERATOR.generate(new BatchSpec(77, h, 1, 0.05));
            assertEquals(clean.summary().revenueCents(), dirty.summary().revenueCents());
            assertEquals(dirty.manifest().size(), dirty.summary().dirtyRows());
            Map<String, List<Long>> expected = new HashMap<>();
            for (ManifestEntry m : dirty.manifest()) {
                expected.computeIfAbsent(m.table(), k -> new ArrayList<>()).add(m.key());
                kinds.add(m.kind());
            }
            for (String table : RetailGenerator.tableNames()) {
                List<Object> extra = new ArrayList<>(dirty.rows(table));
                for (Object row : clean.rows(table)) {
                    assertTrue(extra.remove(row), "clean row kept unchanged: " + row);
                }
                List<Long> extraKeys = new ArrayList<>(extra.stream().map(r -> key(table, r)).sorted().toList());
                List<Long> manifestKeys = new ArrayList<>(expected.getOrDefault(table, List.of()));
                manifestKeys.sort(null);
                assertEquals(manifestKeys, extraKeys, "injected rows of " + table + " at hour " + h);
            }
        }
        assertEquals(Set.of("duplicate", "null_required", "malformed_email", "negative_quantity",
                "unknown_product", "late_row"), kinds);
    }

    @Test
    void injectedRowsAreDirtyInTheWayTheManifestSays() {
        long h = START + 19;
        Batch dirty = GENERATOR.generate(new BatchSpec(78, h, 2, 0.1));
        Map<Long, OrderRow> orders = new HashMap<>();
        dirty.orders().forEach(o -> orders.put(o.orderId(), o));
        Map<Long, OrderItemRow> items = new HashMap<>();
        dirty.orderItems().forEach(i -> items.put(i.orderItemId(), i));
        Map<Long, CustomerRow> customers = new HashMap<>();
        dirty.customers().forEach(c -> customers.put(c.customerId(), c));
        for (ManifestEntry m : dirty.manifest()) {
            switch (m.kind()) {
                case "negative_quantity" -> assertTrue(items.get(m.key()).quantity() < 0);
                case "unknown_product" -> assertTrue(items.get(m.key()).productId() > 100_000_000L);
                case "malformed_email" -> assertTrue(!VALID_EMAIL.matcher(customers.get(m.key()).email()).matches());
                case "late_row" -> assertTrue(orders.get(m.key()).orderAt() / 3600 < h);
                default -> {
                }
            }
        }
    }

    @Test
    void aCleanBatchHasAnEmptyManifestAndOnlyValidRows() {
        for (long h : new long[]{START, START + 19, START + 500}) {
            Batch b = GENERATOR.generate(new BatchSpec(79, h, 1, 0));
            assertTrue(b.manifest().isEmpty());
            long catalog = GENERATOR.shop(79, 1).products.countAt(h);
            for (CustomerRow c : b.customers()) {
                assertTrue(VALID_EMAIL.matcher(c.email()).matches(), c.email());
                assertNotNull(c.firstName());
                assertNotNull(c.city());
            }
            for (OrderRow o : b.orders()) {
                assertNotNull(o.customerId());
                assertNotNull(o.status());
            }
            Set<Long> itemIds = new HashSet<>();
            for (OrderItemRow i : b.orderItems()) {
                assertTrue(i.quantity() > 0);
                assertNotNull(i.productId());
                assertTrue(i.productId() >= 1 && i.productId() <= catalog, "known product " + i.productId());
                assertTrue(itemIds.add(i.orderItemId()), "unique order_item_id");
            }
            for (PaymentRow p : b.payments()) {
                assertNotNull(p.amountCents());
                assertTrue(p.amountCents() > 0);
            }
        }
    }
}
