package com.boxoffice.shared.domain.ticket;

/**
 * Whether a ticket may still be used at the door. Only {@link #VALID} admits; the others each
 * give the door staff their own reason.
 */
public enum TicketStatus {
  VALID,
  /** Revoked by an operator or because its order was disputed. */
  REVOKED,
  /** Its payment was refunded (fully, or this ticket's share of a partial refund). */
  REFUNDED,
  /** Its order was cancelled before the event. */
  CANCELLED
}
