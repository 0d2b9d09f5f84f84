package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.code.RotatingCodeSeed;
import com.boxoffice.shared.domain.ticket.Ticket;
import java.time.Duration;
import java.util.Optional;

/** Renders the signed code a ticket shows at the door, and its short typable fallback. */
public interface TicketCodes {

  /** The QR payload text (QR alphanumeric mode) under the currently active signing key. */
  String codeFor(Ticket ticket);

  /** A short code door staff can type when the QR will not scan. */
  String fallbackCodeFor(Ticket ticket);

  /**
   * What the buyer's app needs to show the ticket's rotating code (docs/ticket-codes.md), for the
   * ticket's current {@code codeVersion}; empty from an implementation that signs no rotating codes.
   */
  default Optional<RotatingCodeSeed> rotatingSeed(Ticket ticket, int codeVersion, Duration step) {
    return Optional.empty();
  }
}
