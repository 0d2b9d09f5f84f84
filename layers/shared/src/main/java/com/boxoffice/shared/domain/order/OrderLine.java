package com.boxoffice.shared.domain.order;

/** One ticket type in an order: how many, at what unit price (minor units) when ordered. */
public record OrderLine(String ticketTypeId, String name, int quantity, long unitPrice) {
  public long amount() {
    return unitPrice * quantity;
  }
}
