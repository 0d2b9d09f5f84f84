package com.boxoffice.organizer;

import java.math.BigDecimal;

/**
 * The organizer routes' request bodies. Unknown fields and wrong JSON types are refused by the
 * strict reader before these records exist; times are text checked by {@link Fields} so that an
 * impossible date is named; numbers are read as any number so that {@code 2.5} is refused, not cut.
 */
final class Bodies {
  private Bodies() {}

  record NewEvent(String name, String venue, String timeZone, String startsAt, String endsAt, String salesOpenAt,
      String salesCloseAt, String currency, Boolean allowReentry, Boolean rotatingCodes, Boolean printedCodesAllowed) {}

  /** The currency is fixed once ticket types carry it, so an update does not accept it. */
  record EventChanges(String name, String venue, String timeZone, String startsAt, String endsAt, String salesOpenAt,
      String salesCloseAt, Boolean allowReentry, Boolean rotatingCodes, Boolean printedCodesAllowed) {}

  record TicketType(String name, BigDecimal price, BigDecimal capacity, BigDecimal maxPerOrder, String salesOpenAt,
      String salesCloseAt) {}

  record Device(String name) {}

  record Assignment(String eventId) {}

  record KeyRotation(String oldKeyValidUntil, String expectedActiveKeyId) {}
}
