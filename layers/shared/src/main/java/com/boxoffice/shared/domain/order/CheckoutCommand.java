package com.boxoffice.shared.domain.order;

import java.util.List;

/**
 * A request to buy tickets, as the checkout edge parsed it. Exactly one of {@code buyerId}
 * (signed in: the JWT subject) and {@code guestIp} (guest checkout) is set. {@code attempt}, when
 * set, fixes the order id and access token this request creates (see {@link CheckoutAttempt});
 * when null the service draws fresh ones.
 */
public record CheckoutCommand(
    String buyerId, String guestIp, String sourceIp, String eventId, List<Item> items, String email,
    String name, CheckoutAttempt attempt) {

  public CheckoutCommand(String buyerId, String guestIp, String sourceIp, String eventId, List<Item> items,
      String email, String name) {
    this(buyerId, guestIp, sourceIp, eventId, items, email, name, null);
  }

  /** How many tickets of one type; fields may be null when the client left them out. */
  public record Item(String ticketTypeId, Integer quantity) {}

  public boolean guest() {
    return buyerId == null;
  }
}
