package com.boxoffice.shared.domain.order;

import java.util.Map;

/**
 * Not enough seats are left: a ticket type's capacity condition failed. {@code available} says
 * what is left per ticket type of the order. Reported by the order store only for a failed
 * capacity check, never for throttling or other cancellations.
 */
public final class SoldOutException extends CheckoutRefusal {
  private final Map<String, Integer> available;

  public SoldOutException(Map<String, Integer> available) {
    super("not enough seats left", null);
    this.available = Map.copyOf(available);
  }

  public Map<String, Integer> available() {
    return available;
  }

  /** Seats come back when holds end, so the same request may succeed later; it is not retried at once. */
  @Override
  public boolean transientRefusal() {
    return false;
  }
}
