package com.boxoffice.shared.domain.webhook;

import java.util.Locale;

/**
 * Why an order or one of its payments needs a person to look at it. The first three are payments
 * that cannot become tickets: each is refunded automatically, mailed to its payer and counted.
 * Flagged records are listed for support under {@code gsi1pk = ATTENTION#<flag>} (docs/data-model.md).
 */
public enum OrderFlag {
  /** The payment is not the order's own checkout session, or not its amount and currency. */
  PAYMENT_MISMATCH,
  /** The payment arrived after the order's hold ended and its seats were sold to someone else. */
  SEATS_GONE,
  /** The payment is for an event that was cancelled. */
  EVENT_CANCELLED,
  /** A refund made outside this system named no tickets: nothing was revoked for it. */
  REFUND_REVIEW;

  /** True for the flags whose payment this system refunds by itself. */
  public boolean refundsPayment() {
    return this != REFUND_REVIEW;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderFlag fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
