package com.boxoffice.checkout;

import java.math.BigDecimal;
import java.util.List;

/**
 * The checkout request body. Quantities are read as numbers of any kind so that {@code 2.5} is
 * refused as "not a whole number" instead of being truncated; unknown fields and wrong JSON types
 * are refused by the strict reader before this record exists.
 */
record CheckoutBody(String eventId, List<Item> items, String email, String name) {
  record Item(String ticketTypeId, BigDecimal quantity) {}
}
