package com.boxoffice.shared.domain.catalog;

import java.time.Instant;

/**
 * An event as checkout and fulfilment see it (docs/data-model.md, "event"). Sales are open while
 * the status is {@link EventStatus#ON_SALE} and the clock is before {@code salesCloseAt}.
 */
public record CatalogEvent(
    String eventId, String name, String venue, Instant startsAt, Instant endsAt, Instant salesCloseAt,
    String currency, EventStatus status) {

  public boolean onSaleAt(Instant now) {
    return status == EventStatus.ON_SALE && (salesCloseAt == null || now.isBefore(salesCloseAt));
  }
}
