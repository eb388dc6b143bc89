package dev.retailpipeline.generator;

/** A row of customers (a full current version of the customer). Times are epoch seconds (UTC); phone may be null. */
public record CustomerRow(long customerId, String firstName, String lastName, String email, String phone,
                          String street, String city, String state, String postalCode, String country,
                          String loyaltyTier, long signupAt, long updatedAt) {
}
