package com.boxoffice.shared.domain.payment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a hosted checkout session is created from. {@code idempotencyKey} is derived from the
 * order ({@code checkout-session:<orderId>}) so a retry can never create a second session.
 */
public record CheckoutSessionRequest(
    String orderId, String idempotencyKey, String currency, List<Line> lines, String customerEmail,
    String successUrl, String cancelUrl, Instant expiresAt) {

  /** One priced line: {@code quantity} tickets at {@code unitAmount} minor units each. */
  public record Line(String name, long unitAmount, int quantity) {}

  public CheckoutSessionRequest {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    lines = List.copyOf(lines);
  }

  public static String idempotencyKeyFor(String orderId) {
    return "checkout-session:" + orderId;
  }
}
