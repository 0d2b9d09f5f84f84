package com.boxoffice.shared.domain.catalog;

/**
 * Whether an event's tickets can be bought: only {@link #ON_SALE} sells. {@link #PAUSED} is an
 * event whose organizer stopped sales for a while; it opens again with a publish. Which status may
 * follow which is decided by {@code domain.organizer.EventTransition}.
 */
public enum EventStatus {
  DRAFT,
  ON_SALE,
  PAUSED,
  CLOSED,
  CANCELLED
}
