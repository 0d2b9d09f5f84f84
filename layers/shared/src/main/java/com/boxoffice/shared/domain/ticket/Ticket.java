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
    Instant validUntil) {

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
  }

  /** The deterministic id of the {@code seq}-th ticket of an order. */
  public static String idFor(String orderId, int seq) {
    return orderId + "-" + seq;
  }

  public boolean admits() {
    return status == TicketStatus.VALID;
  }
}
