package com.boxoffice.shared.domain.organizer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ticket type as its organizer manages it, with its inventory: {@code held + sold + available =
 * capacity} (see {@code domain.catalog.TicketType}) and its own optional sales window inside the
 * event's. The price is what new orders pay; an order keeps the unit price it was placed at.
 */
public record OrganizerTicketType(
    String eventId, String ticketTypeId, String name, long price, String currency, int capacity, int held, int sold,
    int available, int maxPerOrder, Instant salesOpenAt, Instant salesCloseAt) {

  /** Seats that are sold or held: capacity may never go below it. */
  public int committed() {
    return held + sold;
  }

  public Map<String, Object> audited() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ticketTypeId", ticketTypeId);
    m.put("name", name);
    m.put("price", price);
    m.put("currency", currency);
    m.put("capacity", capacity);
    m.put("maxPerOrder", maxPerOrder);
    m.put("salesOpenAt", salesOpenAt);
    m.put("salesCloseAt", salesCloseAt);
    return m;
  }
}
