package com.boxoffice.shared.domain.catalog;

import java.time.Instant;

/**
 * A sales window: open from its opening instant (inclusive) up to its closing instant (exclusive);
 * a missing end is unbounded on that side. One rule for events and ticket types, so checkout and
 * the catalog agree on the exact instant a window opens and closes.
 */
public final class SalesWindow {
  private SalesWindow() {}

  /** Where an instant falls relative to a window. */
  public enum Position {
    /** Before the window opens. */
    NOT_YET_OPEN,
    OPEN,
    /** At or after the window's close. */
    CLOSED
  }

  public static Position position(Instant opensAt, Instant closesAt, Instant now) {
    if (opensAt != null && now.isBefore(opensAt)) {
      return Position.NOT_YET_OPEN;
    }
    if (closesAt != null && !now.isBefore(closesAt)) {
      return Position.CLOSED;
    }
    return Position.OPEN;
  }
}
