package com.boxoffice.shared.domain.catalog;

/** Whether an event's tickets can be bought: only {@link #ON_SALE} sells. */
public enum EventStatus {
  DRAFT,
  ON_SALE,
  CLOSED,
  CANCELLED
}
