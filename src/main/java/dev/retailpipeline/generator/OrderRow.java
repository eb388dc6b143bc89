package dev.retailpipeline.generator;

/**
 * A row of orders (a full current version: a later status change repeats the whole row). Times are epoch seconds
 * (UTC). customerId is null only in injected dirty rows.
 */
public record OrderRow(long orderId, Long customerId, long storeId, String channel, String status, long orderAt,
                       long updatedAt) {
}
