package com.boxoffice.shared.domain.push;

import java.util.Optional;

/**
 * What a notification is about; a buyer turns each on or off. {@link #overLimit} says what
 * happens to one that finds its user's or campaign's hourly limit full: order updates and event
 * changes matter later too and wait for the next window, a reminder is stale by then and is
 * dropped (and counted).
 */
public enum PushCategory {
  ORDER_UPDATES("order_updates", "orderUpdates", OverLimit.DEFER),
  EVENT_REMINDERS("event_reminders", "eventReminders", OverLimit.DROP),
  EVENT_CHANGES("event_changes", "eventChanges", OverLimit.DEFER);

  /** What to do with a notification over a limit. */
  public enum OverLimit { DEFER, DROP }

  private final String wire;
  private final String field;
  private final OverLimit overLimit;

  PushCategory(String wire, String field, OverLimit overLimit) {
    this.wire = wire;
    this.field = field;
    this.overLimit = overLimit;
  }

  public String wire() {
    return wire;
  }

  /** The name of its switch in the preferences API. */
  public String field() {
    return field;
  }

  public OverLimit overLimit() {
    return overLimit;
  }

  public static Optional<PushCategory> fromWire(String wire) {
    for (PushCategory c : values()) {
      if (c.wire.equals(wire)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
