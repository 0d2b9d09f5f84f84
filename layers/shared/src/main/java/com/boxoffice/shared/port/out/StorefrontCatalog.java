package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.organizer.OrganizerTicketType;
import com.boxoffice.shared.domain.organizer.Page;
import java.util.List;
import java.util.Optional;

/** What the public storefront reads: events on sale, soonest first, and one event with its ticket types. */
public interface StorefrontCatalog {

  /** Events whose status is ON_SALE, by start time; an unreadable cursor is an IllegalArgumentException. */
  Page<OrganizerEvent> onSale(Optional<String> cursor, int limit);

  Optional<OrganizerEvent> event(String eventId);

  List<OrganizerTicketType> ticketTypes(String eventId);
}
