package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import java.util.List;
import java.util.Optional;

/** Reads events and their ticket types (with current inventory) for checkout. */
public interface Catalog {

  Optional<CatalogEvent> event(String eventId);

  /** Every ticket type of the event, read consistently, in ticket type id order. */
  List<TicketType> ticketTypes(String eventId);
}
