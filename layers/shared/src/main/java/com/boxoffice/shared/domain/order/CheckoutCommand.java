package com.boxoffice.shared.domain.order;

import java.util.List;

/**
 * A request to buy tickets, as the checkout edge parsed it. Exactly one of {@code buyerId}
 * (signed in: the JWT subject) and {@code guestIp} (guest checkout) is set.
 */
public record CheckoutCommand(
    String buyerId, String guestIp, String sourceIp, String eventId, List<Item> items, String email,
    String name) {

  /** How many tickets of one type; fields may be null when the client left them out. */
  public record Item(String ticketTypeId, Integer quantity) {}

  public boolean guest() {
    return buyerId == null;
  }
}
