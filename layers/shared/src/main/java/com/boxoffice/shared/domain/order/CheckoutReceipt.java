package com.boxoffice.shared.domain.order;

import java.time.Instant;

/**
 * What a successful checkout answers: the pending order, where to pay, until when the seats are
 * held and, for guests only, the access token that later reads the order (shown once, never
 * stored in clear).
 */
public record CheckoutReceipt(
    String orderId, String status, String checkoutUrl, Instant expiresAt, String accessToken, long amountTotal,
    String currency) {}
