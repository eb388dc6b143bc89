package dev.retailpipeline.generator;

/** A row of order_items. Money in cents; productId is null only in injected dirty rows. */
public record OrderItemRow(long orderItemId, long orderId, int lineNumber, Long productId, int quantity,
                           long unitPriceCents, long discountCents) {

    /** quantity * unit_price - discount_amount, in cents. */
    public long netCents() {
        return quantity * unitPriceCents - discountCents;
    }
}
