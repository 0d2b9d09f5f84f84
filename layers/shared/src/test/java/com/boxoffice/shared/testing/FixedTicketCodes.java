package com.boxoffice.shared.testing;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.TicketCodes;

/** Test-only ticket codes derived from the ticket id, so tests can assert what the email carries. */
public final class FixedTicketCodes implements TicketCodes {
  @Override
  public String codeFor(Ticket ticket) {
    return "QR:" + ticket.ticketId().toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String fallbackCodeFor(Ticket ticket) {
    return "FB-" + ticket.ticketId();
  }
}
