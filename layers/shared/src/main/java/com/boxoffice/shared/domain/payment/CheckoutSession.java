package com.boxoffice.shared.domain.payment;

import java.time.Instant;

/**
 * A hosted checkout session as the provider reports it.
 *
 * @param status {@code open}, {@code complete} or {@code expired}
 * @param paymentStatus {@code paid}, {@code unpaid} or {@code no_payment_required}
 */
public record CheckoutSession(
    String id, String url, String orderId, String status, String paymentStatus, String paymentIntentId,
    Long amountTotal, String currency, Instant expiresAt) {}
