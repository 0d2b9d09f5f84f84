package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the organizer's order desk reads and changes: an event's orders and tickets page by page,
 * and the changes an organizer makes to one ticket, each one conditional write.
 */
public interface OrganizerOrders {

  /** A page of an event's orders; {@code next} is the opaque cursor of the page after it. */
  record OrderPage(List<Order> orders, Optional<String> next) {
    public OrderPage {
      orders = List.copyOf(orders);
    }
  }

  /** A ticket with its door state: whether its holder is inside now and when first admitted (null: never). */
  record Attendee(Ticket ticket, boolean inside, Instant firstAdmittedAt) {}

  /** A page of an event's tickets; {@code next} is the opaque cursor of the page after it. */
  record TicketPage(List<Attendee> attendees, Optional<String> next) {
    public TicketPage {
      attendees = List.copyOf(attendees);
    }
  }

  /**
   * The event's orders, optionally only those placed with {@code email} (compared as given and in
   * lower case), at most {@code limit}, after the page {@code cursor} names. An unreadable cursor
   * is an {@link IllegalArgumentException}.
   */
  OrderPage ordersOfEvent(String eventId, Optional<String> email, Optional<String> cursor, int limit);

  /** The event's issued tickets, at most {@code limit}, after the page {@code cursor} names. */
  TicketPage ticketsOfEvent(String eventId, Optional<String> cursor, int limit);

  Optional<Ticket> ticket(String ticketId);

  /** VALID becomes REVOKED; false when the ticket was not VALID. */
  boolean revoke(String ticketId, Instant at);

  /** Sets the holder's name; false when there is no such ticket. */
  boolean changeHolder(String ticketId, String holderName, Instant at);

  /**
   * Puts seats back on sale ({@code sold} down, {@code available} up, per ticket type) once per
   * {@code restockKey}: a marker item written in the same transaction makes a repeat change
   * nothing. False when the key was used before.
   */
  boolean restock(String eventId, String restockKey, java.util.Map<String, Integer> seatsByType, Instant at);

  /** How far an event's cancellation got (docs/organizer.md, "Cancelling an event"). */
  record Cancellation(String eventId, boolean done, Optional<String> cursor, int ordersRefunded, int ticketsRevoked,
      int mailsQueued, String actor, String reason, Instant startedAt, Instant updatedAt, Instant finishedAt) {}

  /** What starting a cancellation did. */
  enum CancellationStart { STARTED, ALREADY_STARTED, NOT_CANCELLABLE }

  Optional<Cancellation> cancellation(String eventId);

  /**
   * Marks the event CANCELLED (no more sales; a draft event is {@code NOT_CANCELLABLE}) and
   * creates its cancellation record, in one transaction; {@code ALREADY_STARTED} when the record
   * exists, so a second start resumes instead.
   */
  CancellationStart startCancellation(String eventId, String actor, String reason, Instant at);

  /** Whether the cancellation already finished this order (refunded, tickets revoked, mail queued). */
  boolean orderCancelled(String eventId, String orderId);

  /**
   * Records that the cancellation finished an order and adds it to the record's counts, in one
   * transaction; false (and nothing counted) when it was recorded before.
   */
  boolean recordOrderCancelled(String eventId, String orderId, String refundId, int ticketsRevoked, Instant at);

  /** VALID becomes CANCELLED; false when the ticket was not VALID. */
  boolean cancelTicket(String ticketId, Instant at);

  /** Persists where the next page starts (empty with {@code done}: every order was seen). */
  void advanceCancellation(String eventId, Optional<String> nextCursor, boolean done, Instant at);

  /**
   * Moves a VALID ticket from {@code current.codeVersion()} to the next version and indexes its new
   * fallback code, in one transaction; false when the ticket is no longer VALID at that version.
   */
  boolean reissueCode(Ticket current, String nextFallbackCode, Instant at);
}
