package com.boxoffice.shared.domain.catalog;

import java.time.Instant;

/**
 * A kind of ticket for one event and its inventory. {@code held + sold + available = capacity}
 * always holds: {@code available} is kept in the same write that moves {@code held} or
 * {@code sold}, because a DynamoDB condition cannot add attributes together, so the hold condition
 * {@code held + sold + q <= capacity} is written as {@code available >= q}.
 *
 * @param price the price of one ticket in the currency's minor units
 * @param salesOpenAt when this type goes on sale (inclusive); null: with the event
 * @param salesCloseAt when this type's sales end (exclusive); null: with the event
 */
public record TicketType(
    String eventId, String ticketTypeId, String name, long price, String currency, int capacity, int held,
    int sold, int available, int maxPerOrder, Instant salesOpenAt, Instant salesCloseAt) {

  /** A ticket type with no sales window of its own: it sells whenever its event does. */
  public TicketType(String eventId, String ticketTypeId, String name, long price, String currency, int capacity,
      int held, int sold, int available, int maxPerOrder) {
    this(eventId, ticketTypeId, name, price, currency, capacity, held, sold, available, maxPerOrder, null, null);
  }

  /** Where {@code now} falls in this type's own sales window: open from {@code salesOpenAt} up to, not at, {@code salesCloseAt}. */
  public SalesWindow.Position salesWindowAt(Instant now) {
    return SalesWindow.position(salesOpenAt, salesCloseAt, now);
  }
}
