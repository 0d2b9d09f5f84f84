package com.boxoffice.shared.domain.push;

import java.util.Optional;

/**
 * What a notification is about; a buyer turns each on or off. {@link #overLimit} says what
 * happens to one that finds its user's or campaign's hourly limit full: order updates and event
 * changes matter later too and wait for the next window, a reminder is stale by then and is
 * dropped (and counted). {@link #collapse} says whether two of one collapse key inside the
 * collapse window become one here: tickets ready and reminders repeat themselves, so the first is
 * enough; a change of an event carries news the one before it did not (a corrected time), so each
 * one is sent and only the device keeps the latest under the shared collapse id.
 */
public enum PushCategory {
  ORDER_UPDATES("order_updates", "orderUpdates", OverLimit.DEFER, Collapse.FIRST_WINS),
  EVENT_REMINDERS("event_reminders", "eventReminders", OverLimit.DROP, Collapse.FIRST_WINS),
  EVENT_CHANGES("event_changes", "eventChanges", OverLimit.DEFER, Collapse.ON_DEVICE_ONLY);

  /** What to do with a notification over a limit. */
  public enum OverLimit { DEFER, DROP }

  /** Where notifications of one collapse key become one. */
  public enum Collapse {
    /** Here, inside the collapse window (the later ones are recorded as collapsed), and on the device. */
    FIRST_WINS,
    /** Only on the device, which shows the latest; every one is sent. */
    ON_DEVICE_ONLY
  }

  private final String wire;
  private final String field;
  private final OverLimit overLimit;
  private final Collapse collapse;

  PushCategory(String wire, String field, OverLimit overLimit, Collapse collapse) {
    this.wire = wire;
    this.field = field;
    this.overLimit = overLimit;
    this.collapse = collapse;
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

  public Collapse collapse() {
    return collapse;
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
