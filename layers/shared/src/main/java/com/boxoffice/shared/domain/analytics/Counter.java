package com.boxoffice.shared.domain.analytics;

/**
 * One number the analytics keep, under its stored attribute name. Which slots carry which counter
 * is decided by {@link Contributions}: the event totals carry them all, a ticket type its capacity,
 * sales, holds and admitted tickets, an hour bucket what happened in that hour.
 */
public enum Counter {
  ORDERS("orders"),
  TICKETS_SOLD("ticketsSold"),
  GROSS_AMOUNT("grossAmount"),
  REFUNDED_AMOUNT("refundedAmount"),
  HOLDS("holds"),
  CAPACITY("capacity"),
  /** Admissions at the door: accepted entry scans (a re-entry counts again). */
  CHECK_INS("checkIns"),
  EXITS("exits"),
  /** Tickets admitted at least once: what the check-in rate divides. */
  ADMITTED("admitted");

  private final String attribute;

  Counter(String attribute) {
    this.attribute = attribute;
  }

  public String attribute() {
    return attribute;
  }
}
