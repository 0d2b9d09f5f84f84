package com.boxoffice.shared.domain.catalog;

import java.time.Instant;

/**
 * An event as checkout and fulfilment see it (docs/data-model.md, "event"). Sales are open while
 * the status is {@link EventStatus#ON_SALE} and the clock is inside the sales window: from
 * {@code salesOpenAt} (inclusive, none: from publication) up to {@code salesCloseAt} (exclusive).
 */
public record CatalogEvent(
    String eventId, String name, String venue, Instant startsAt, Instant endsAt, Instant salesCloseAt,
    String currency, EventStatus status, Instant salesOpenAt) {

  /** An event whose sales open as soon as it is on sale. */
  public CatalogEvent(String eventId, String name, String venue, Instant startsAt, Instant endsAt,
      Instant salesCloseAt, String currency, EventStatus status) {
    this(eventId, name, venue, startsAt, endsAt, salesCloseAt, currency, status, null);
  }

  public boolean onSaleAt(Instant now) {
    return status == EventStatus.ON_SALE
        && SalesWindow.position(salesOpenAt, salesCloseAt, now) == SalesWindow.Position.OPEN;
  }
}
