package dev.retailpipeline.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ground truth of a batch, over its clean rows only: row counts per table, injected rows, orders placed in the
 * hour, units, revenue (sum of quantity * unit_price - discount_amount over clean order_items), cost (sum over the
 * same lines of quantity * the product's unit_cost valid at the order's time, exactly what the warehouse puts in
 * fct_sales.cost_amount per line: the product version with valid_from <= order_at < valid_to, and quantity *
 * unit_cost of a decimal(12,2) cost needs no rounding) and refunds (sum of clean refunded payments), money in
 * cents. A snapshot (every entity as of an hour, no orders, so units, revenue, cost and refunds 0) says so, so
 * that a warehouse can tell the batch that starts its history from an hour without orders.
 */
public record Summary(long hour, long stores, long customers, long products, long orders, long orderItems,
                      long payments, long dirtyRows, long ordersPlaced, long units, long revenueCents,
                      long costCents, long refundsCents, boolean snapshot) {

    /** The summary of an hourly batch (not a snapshot). */
    public Summary(long hour, long stores, long customers, long products, long orders, long orderItems,
                   long payments, long dirtyRows, long ordersPlaced, long units, long revenueCents, long costCents,
                   long refundsCents) {
        this(hour, stores, customers, products, orders, orderItems, payments, dirtyRows, ordersPlaced, units,
                revenueCents, costCents, refundsCents, false);
    }

    static Summary empty(long hour) {
        return new Summary(hour, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Clean rows per table, in load order. */
    public Map<String, Long> rows() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("stores", stores);
        m.put("customers", customers);
        m.put("products", products);
        m.put("orders", orders);
        m.put("order_items", orderItems);
        m.put("payments", payments);
        return m;
    }

    public long sourceRows() {
        return stores + customers + products + orders + orderItems + payments;
    }
}
