package dev.retailpipeline.generator;

/** A row of payments. amountCents is null only in injected dirty rows; paidAt in epoch seconds (UTC). */
public record PaymentRow(long paymentId, long orderId, String method, String status, Long amountCents, long paidAt) {
}
