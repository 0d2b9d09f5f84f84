package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.TicketCodes;
import java.util.Locale;

/** {@link TicketCodes} derived from the ticket id, so tests can assert what a mail carries. */
public class InMemoryTicketCodes implements TicketCodes {
  @Override
  public String codeFor(Ticket ticket) {
    return "QR:" + ticket.ticketId().toUpperCase(Locale.ROOT);
  }

  @Override
  public String fallbackCodeFor(Ticket ticket) {
    return "FB-" + ticket.ticketId();
  }
}
