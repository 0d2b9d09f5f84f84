package com.boxoffice.shared.domain.orgorders;

import com.boxoffice.shared.domain.organizer.AuditedAction;

/** What an organizer does to orders and tickets, as the audit log records it. */
public enum OrderDeskAction implements AuditedAction {
  TICKET_REVOKED("ticket.revoked"),
  TICKET_HOLDER_CHANGED("ticket.holder_changed"),
  TICKET_CODE_REISSUED("ticket.code_reissued"),
  CONFIRMATION_RESENT("order.confirmation_resent"),
  REFUND_REQUESTED("order.refund_requested"),
  EVENT_CANCELLED("event.cancelled");

  private final String wire;

  OrderDeskAction(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
