package com.boxoffice.shared.domain.order;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order for tickets to one event (docs/data-model.md, "order"). Signed-in buyers own an order
 * by {@code buyerId} (the JWT subject); guests by a secret access token of which only the SHA-256
 * ({@code accessTokenHash}) is kept. Seats are held from creation until {@code holdExpiresAt};
 * {@code releaseAfter} is when the hold sweep may release them if nothing else has.
 *
 * @param ticketsIssued how many tickets were issued when paid: the ticket count, or 0 for an order
 *     paid after its seats were gone ({@code needsRefund})
 * @param amountRefunded the provider's running refund total for this order, minor units
 */
public record Order(
    String orderId,
    OrderStatus status,
    String eventId,
    String eventName,
    Instant eventStartsAt,
    Instant eventEndsAt,
    String buyerId,
    String accessTokenHash,
    String email,
    String name,
    List<OrderLine> lines,
    long amountTotal,
    String currency,
    Instant createdAt,
    Instant holdExpiresAt,
    Instant releaseAfter,
    String checkoutSessionId,
    String checkoutUrl,
    String paymentIntentId,
    Instant paidAt,
    boolean needsRefund,
    int ticketsIssued,
    long amountRefunded) {

  /** Tickets are valid from this long before the event starts until this long after it ends. */
  public static final Duration TICKET_VALIDITY_MARGIN = Duration.ofHours(6);

  public Order {
    lines = List.copyOf(lines);
  }

  public int ticketCount() {
    return lines.stream().mapToInt(OrderLine::quantity).sum();
  }

  /**
   * The tickets this order issues when paid: one per seat, numbered from 1 in line order, with
   * deterministic ids, so issuing twice can only produce the same tickets.
   */
  public List<Ticket> ticketsToIssue(Instant issuedAt) {
    Instant validFrom = eventStartsAt.minus(TICKET_VALIDITY_MARGIN);
    Instant validUntil = eventEndsAt.plus(TICKET_VALIDITY_MARGIN);
    List<Ticket> tickets = new ArrayList<>();
    int seq = 0;
    for (OrderLine line : lines) {
      for (int i = 0; i < line.quantity(); i++) {
        seq++;
        tickets.add(new Ticket(Ticket.idFor(orderId, seq), eventId, orderId, seq, line.ticketTypeId(), line.name(),
            name, TicketStatus.VALID, issuedAt, validFrom, validUntil));
      }
    }
    return tickets;
  }
}
