package com.boxoffice.shared.domain.storefront;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.SalesWindow;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.organizer.OrganizerTicketType;
import com.boxoffice.shared.domain.organizer.Page;
import com.boxoffice.shared.port.out.StorefrontCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What buyers may see without signing in: events that are on sale now (status ON_SALE and the
 * sales window open), and for one of them its ticket types with prices and the exact number of
 * seats left at the time of the read. Drafts, paused, closed and cancelled events, and events whose
 * sales have closed, are as absent as events that do not exist. Nothing about the organization,
 * sold counts or holds is shown.
 */
public final class Storefront {
  private final StorefrontCatalog catalog;
  private final Clock clock;

  public Storefront(StorefrontCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** A ticket type as buyers see it; {@code onSale} is false outside its own sales window. */
  public record Offer(String ticketTypeId, String name, long price, String currency, int available, int maxPerOrder,
      boolean onSale) {}

  /** An event as buyers see it; {@code offers} is empty in listings. */
  public record Listing(String eventId, String name, String venue, String timeZone, Instant startsAt, Instant endsAt,
      Instant salesCloseAt, String currency, List<Offer> offers) {
    public Listing {
      offers = List.copyOf(offers);
    }
  }

  public Page<Listing> onSale(Optional<String> cursor, int limit) {
    Instant now = clock.instant();
    Page<OrganizerEvent> page = catalog.onSale(cursor, limit);
    return new Page<>(page.items().stream().filter(e -> visible(e, now)).map(e -> listing(e, List.of())).toList(),
        page.next());
  }

  public Optional<Listing> event(String eventId) {
    Instant now = clock.instant();
    return catalog.event(eventId).filter(e -> visible(e, now)).map(e -> listing(e,
        catalog.ticketTypes(eventId).stream().map(t -> offer(t, now)).toList()));
  }

  static boolean visible(OrganizerEvent e, Instant now) {
    return e.status() == EventStatus.ON_SALE
        && SalesWindow.position(e.salesOpenAt(), e.salesCloseAt(), now) == SalesWindow.Position.OPEN;
  }

  private static Listing listing(OrganizerEvent e, List<Offer> offers) {
    return new Listing(e.eventId(), e.name(), e.venue(), e.timeZone(), e.startsAt(), e.endsAt(), e.salesCloseAt(),
        e.currency(), offers);
  }

  private static Offer offer(OrganizerTicketType t, Instant now) {
    boolean open = SalesWindow.position(t.salesOpenAt(), t.salesCloseAt(), now) == SalesWindow.Position.OPEN;
    return new Offer(t.ticketTypeId(), t.name(), t.price(), t.currency(), Math.max(0, t.available()), t.maxPerOrder(),
        open && t.available() > 0);
  }
}
