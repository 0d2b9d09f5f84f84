package com.boxoffice.shared.domain.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * One admission to one event, issued when its order is paid. The signed code shown on the ticket
 * is derived from {@code ticketId}, {@code eventId} and the validity window under the signing key
 * active when it is rendered, so it is never stored and key rotation needs no data migration.
 *
 * @param seq position of this ticket in its order, from 1; ticket ids are {@code <orderId>-<seq>}
 *     so issuing the same order twice can only ever produce the same tickets
 * @param codeVersion how many times an organizer reissued the ticket's code (0 for the code it was
 *     issued with); the code and fallback code carry it, and the door admits only the current one
 */
public record Ticket(
    String ticketId,
    String eventId,
    String orderId,
    int seq,
    String ticketTypeId,
    String ticketTypeName,
    String holderName,
    TicketStatus status,
    Instant issuedAt,
    Instant validFrom,
    Instant validUntil,
    int codeVersion) {

  /** The most times a ticket's code can be reissued: the version travels in the code as one byte. */
  public static final int MAX_CODE_VERSION = 255;

  /** A ticket with the code it was issued with. */
  public Ticket(String ticketId, String eventId, String orderId, int seq, String ticketTypeId, String ticketTypeName,
      String holderName, TicketStatus status, Instant issuedAt, Instant validFrom, Instant validUntil) {
    this(ticketId, eventId, orderId, seq, ticketTypeId, ticketTypeName, holderName, status, issuedAt, validFrom,
        validUntil, 0);
  }

  public Ticket {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(ticketTypeId, "ticketTypeId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    if (!validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException("validUntil must be after validFrom");
    }
    if (codeVersion < 0 || codeVersion > MAX_CODE_VERSION) {
      throw new IllegalArgumentException("codeVersion must be 0 to " + MAX_CODE_VERSION);
    }
  }

  /** The same ticket showing the next code version (see {@code SignedTicketCodes}). */
  public Ticket withCodeVersion(int version) {
    return new Ticket(ticketId, eventId, orderId, seq, ticketTypeId, ticketTypeName, holderName, status, issuedAt,
        validFrom, validUntil, version);
  }

  /** The deterministic id of the {@code seq}-th ticket of an order. */
  public static String idFor(String orderId, int seq) {
    return orderId + "-" + seq;
  }

  public boolean admits() {
    return status == TicketStatus.VALID;
  }
}
