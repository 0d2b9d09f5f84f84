package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.ticket.Ticket;

/** Renders the signed code a ticket shows at the door, and its short typable fallback. */
public interface TicketCodes {

  /** The QR payload text (QR alphanumeric mode) under the currently active signing key. */
  String codeFor(Ticket ticket);

  /** A short code door staff can type when the QR will not scan. */
  String fallbackCodeFor(Ticket ticket);
}
