package com.boxoffice.shared.domain.order;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of an order and the only transitions it may make. Every transition is written as a
 * conditional update on the current status, so the table below is enforced by the database, not
 * just by this class.
 *
 * <pre>
 * pending            -> paid | expired | payment_failed | cancelled
 * expired            -> paid   (a payment that arrives after the hold ended; seats re-taken or refund flagged)
 * payment_failed     -> paid   (same)
 * cancelled          -> paid   (same: the provider took payment on a session we gave up on)
 * paid               -> refunded | partially_refunded | disputed
 * partially_refunded -> partially_refunded (a larger total) | refunded | disputed
 * refunded           -> disputed
 * disputed           -> (final)
 * </pre>
 */
public enum OrderStatus {
  PENDING,
  PAID,
  EXPIRED,
  PAYMENT_FAILED,
  REFUNDED,
  PARTIALLY_REFUNDED,
  DISPUTED,
  CANCELLED;

  private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
      PENDING, EnumSet.of(PAID, EXPIRED, PAYMENT_FAILED, CANCELLED),
      EXPIRED, EnumSet.of(PAID),
      PAYMENT_FAILED, EnumSet.of(PAID),
      CANCELLED, EnumSet.of(PAID),
      PAID, EnumSet.of(REFUNDED, PARTIALLY_REFUNDED, DISPUTED),
      PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, DISPUTED),
      REFUNDED, EnumSet.of(DISPUTED),
      DISPUTED, EnumSet.noneOf(OrderStatus.class));

  public boolean canBecome(OrderStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  /** The order was paid at some point: it has (or had) tickets. */
  public boolean wasPaid() {
    return this == PAID || this == REFUNDED || this == PARTIALLY_REFUNDED || this == DISPUTED;
  }

  /** The order ended unpaid and its hold is (being) released. */
  public boolean endedUnpaid() {
    return this == EXPIRED || this == PAYMENT_FAILED || this == CANCELLED;
  }

  /** The name stored and shown in the API: lower snake case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
