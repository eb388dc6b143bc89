package dev.retailpipeline.generator;

/** A row of stores. openedAt is in epoch seconds (UTC). */
public record StoreRow(long storeId, String name, String channel, String city, String state, String postalCode,
                       String country, long openedAt) {
}
