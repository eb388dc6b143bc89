package dev.retailpipeline.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static dev.retailpipeline.generator.GeneratorFixtures.hour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.retailpipeline.time.HourRange;

/**
 * The summary's cost is what the warehouse computes for fct_sales.cost_amount, summed over the batch's clean
 * order lines: quantity * unit_cost of the product version valid at the order's time (sql/30_facts/10_fct_sales.sql
 * joins dim_product on valid_from <= order_at < valid_to; sql/20_dimensions/40_dim_product.sql starts a version at
 * the updated_at of a row whose price or cost differs from the one before, the first version valid from 1900).
 */
class CostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY_MONEY = Pattern.compile(
            "\"revenue\":(-?\\d+\\.\\d\\d),\"cost\":(-?\\d+\\.\\d\\d),\"refunds\":(-?\\d+\\.\\d\\d)[,}]");

    /** The warehouse's pick for a line: the product's version whose validity contains the order's time. */
    private static ProductRow versionAt(long seed, double scale, long productId, long orderAt) {
        ProductRow version = GENERATOR.productAsOf(seed, scale, productId, Math.floorDiv(orderAt, 3600));
        assertNotNull(version, "product " + productId + " exists by the hour of its order");
        while (version.updatedAt() > orderAt) {
            ProductRow earlier = GENERATOR.productAsOf(seed, scale, productId,
                    Math.floorDiv(version.updatedAt(), 3600) - 1);
            if (earlier == null || earlier.updatedAt() == version.updatedAt()) {
                break; // the first version, valid from 1900-01-01
            }
            version = earlier;
        }
        return version;
    }

    /** Cost recomputed from a batch's own rows: clean lines only (injected ones are in the manifest). */
    private static long recomputedCost(Batch b) {
        Set<Long> injected = new HashSet<>();
        for (ManifestEntry m : b.manifest()) {
            if (m.table().equals("order_items") && !m.kind().equals(DirtKind.DUPLICATE.label())) {
                injected.add(m.key());
            }
        }
        Map<Long, Long> orderAt = new HashMap<>();
        for (OrderRow o : b.orders()) {
            orderAt.putIfAbsent(o.orderId(), o.orderAt()); // every row of an order has its order_at
        }
        Set<Long> seen = new HashSet<>();
        long cost = 0;
        for (OrderItemRow i : b.orderItems()) {
            if (injected.contains(i.orderItemId()) || !seen.add(i.orderItemId())) {
                continue; // injected, or an exact duplicate of a line already counted
            }
            ProductRow version = versionAt(b.spec().seed(), b.spec().scale(), i.productId(), orderAt.get(i.orderId()));
            cost += i.quantity() * version.unitCostCents();
        }
        return cost;
    }

    @Test
    void theSummaryCostIsQuantityTimesTheUnitCostValidAtTheOrderTimeOverTheCleanLines() {
        int hours = 0;
        int linesAfterAPriceChangeInTheirHour = 0;
        for (long h = START; h < START + 24 * 40; h += 13) {
            Batch b = GENERATOR.generate(new BatchSpec(21, h, 2, 0));
            long cost = recomputedCost(b);
            assertEquals(cost, b.summary().costCents(), "cost of hour " + HourRange.formatHour(h));
            if (!b.orderItems().isEmpty()) {
                assertTrue(cost > 0 && cost < b.summary().revenueCents(),
                        "cost is below revenue: " + cost + " " + b.summary().revenueCents());
                hours++;
            }
            Set<Long> changed = new HashSet<>();
            b.products().forEach(p -> changed.add(p.productId()));
            linesAfterAPriceChangeInTheirHour += (int) b.orderItems().stream()
                    .filter(i -> changed.contains(i.productId())).count();
        }
        assertTrue(hours > 60);
        assertTrue(linesAfterAPriceChangeInTheirHour > 0, "some lines are of a product whose version changes in "
                + "the hour of the order, so the version pick matters");
    }

    @Test
    void dirtyRowsDoNotChangeTheCost() {
        for (long h : new long[]{START + 5, START + 19, START + 200}) {
            Batch clean = GENERATOR.generate(new BatchSpec(77, h, 1, 0));
            Batch dirty = GENERATOR.generate(new BatchSpec(77, h, 1, 0.2));
            assertTrue(!dirty.manifest().isEmpty());
            assertEquals(clean.summary().costCents(), dirty.summary().costCents());
            assertEquals(recomputedCost(dirty), dirty.summary().costCents());
        }
    }

    @Test
    void snapshotsAndHoursBeforeTheOpeningHaveNoCost() throws IOException {
        assertEquals(0, GENERATOR.snapshot(new BatchSpec(21, START + 100, 2, 0)).summary().costCents());
        assertEquals(0, GENERATOR.generate(new BatchSpec(21, START - 1, 2, 0.1)).summary().costCents());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GENERATOR.writeSnapshot(new BatchSpec(21, START + 100, 2, 0), Format.NDJSON, null, out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        String summaryLine = lines.get(lines.size() - 1);
        Matcher m = SUMMARY_MONEY.matcher(summaryLine);
        assertTrue(m.find(), summaryLine);
        assertEquals("0.00", m.group(2));
        assertTrue(summaryLine.endsWith(",\"snapshot\":true}}"), summaryLine);
    }

    @Test
    void costFollowsRevenueInTheSummaryLineAndTheJsonSummaryWithTwoDecimals() throws Exception {
        BatchSpec spec = new BatchSpec(21, START + 40, 2, 0.05);
        Batch batch = GENERATOR.generate(spec);
        List<String> lines = hour(spec, Format.NDJSON, null).lines().toList();
        String summaryLine = lines.get(lines.size() - 1);
        assertTrue(summaryLine.startsWith("{\"table\":\"_summary\""), summaryLine);
        Matcher m = SUMMARY_MONEY.matcher(summaryLine);
        assertTrue(m.find(), summaryLine);
        assertEquals(MoneyText.money(batch.summary().revenueCents()), m.group(1));
        assertEquals(MoneyText.money(batch.summary().costCents()), m.group(2));
        assertEquals(MoneyText.money(batch.summary().refundsCents()), m.group(3));

        String text = hour(spec, Format.JSON, null);
        Matcher inJson = SUMMARY_MONEY.matcher(text.substring(text.indexOf("\"summary\":")));
        assertTrue(inJson.find(), text.substring(text.indexOf("\"summary\":")));
        assertEquals(m.group(2), inJson.group(2));
        JsonNode json = JSON.readTree(text).get("summary");
        assertTrue(json.get("cost").isNumber());
        assertEquals(batch.summary().costCents(), json.get("cost").decimalValue().movePointRight(2).longValueExact());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(fields.indexOf("revenue") + 1, fields.indexOf("cost"));
    }

    @Test
    void theCachedUnitCostIsTheCostOfEveryRowOfTheProduct() {
        Shop shop = GENERATOR.shop(21, 2);
        long hour = START + 24 * 400;
        long catalog = shop.products.countAt(hour);
        assertTrue(catalog > Products.INITIAL + 300);
        for (long k = 0; k < catalog; k++) {
            ProductRow row = shop.products.asOf(k, hour);
            assertEquals(row.unitCostCents(), shop.products.unitCost(k), "product " + (k + 1));
            assertEquals(row.unitCostCents(), shop.products.asOf(k, shop.products.batchHour(k)).unitCostCents());
        }
        // past the cache, the cost is drawn on demand the same way
        Products products = shop.products;
        long far = Products.INITIAL + 20L * 365 + 5;
        long farHour = products.batchHour(far) + 10;
        assertEquals(products.asOf(far, farHour).unitCostCents(), products.unitCost(far));
    }
}
