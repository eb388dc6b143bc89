package dev.retailpipeline.generator;

/** A row of products (a full current version). Money in cents, times in epoch seconds (UTC). */
public record ProductRow(long productId, String sku, String name, String category, String subcategory, String brand,
                         long unitPriceCents, long unitCostCents, boolean isActive, long createdAt, long updatedAt) {
}
