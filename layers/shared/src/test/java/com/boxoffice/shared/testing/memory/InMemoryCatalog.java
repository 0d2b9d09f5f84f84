package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.port.out.Catalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link Catalog} in memory. It also keeps the ticket types' inventory ({@code held}, {@code sold},
 * {@code available}), which {@link InMemoryOrderStore} moves when it holds and releases seats, as
 * the DynamoDB store does on the same items.
 */
public final class InMemoryCatalog implements Catalog {
  private final Map<String, CatalogEvent> events = new HashMap<>();
  private final Map<String, Map<String, TicketType>> types = new HashMap<>();

  public synchronized InMemoryCatalog put(CatalogEvent event) {
    events.put(event.eventId(), event);
    return this;
  }

  public synchronized InMemoryCatalog put(TicketType type) {
    types.computeIfAbsent(type.eventId(), e -> new TreeMap<>()).put(type.ticketTypeId(), type);
    return this;
  }

  /** A ticket type with nothing held or sold yet. */
  public InMemoryCatalog type(String eventId, String ticketTypeId, String name, long price, String currency,
      int capacity, int maxPerOrder) {
    return put(new TicketType(eventId, ticketTypeId, name, price, currency, capacity, 0, 0, capacity, maxPerOrder));
  }

  public synchronized Optional<TicketType> type(String eventId, String ticketTypeId) {
    return Optional.ofNullable(types.getOrDefault(eventId, Map.of()).get(ticketTypeId));
  }

  @Override
  public synchronized Optional<CatalogEvent> event(String eventId) {
    return Optional.ofNullable(events.get(eventId));
  }

  @Override
  public synchronized List<TicketType> ticketTypes(String eventId) {
    List<TicketType> list = new ArrayList<>(types.getOrDefault(eventId, Map.of()).values());
    list.sort(Comparator.comparing(TicketType::ticketTypeId));
    return list;
  }

  /**
   * Moves {@code quantity} seats into (positive) or out of (negative) {@code held} if enough are
   * available; false, changing nothing, when they are not or the type does not exist.
   */
  synchronized boolean hold(String eventId, String ticketTypeId, int quantity) {
    TicketType t = types.getOrDefault(eventId, Map.of()).get(ticketTypeId);
    if (t == null || t.available() < quantity) {
      return false;
    }
    put(new TicketType(t.eventId(), t.ticketTypeId(), t.name(), t.price(), t.currency(), t.capacity(),
        t.held() + quantity, t.sold(), t.available() - quantity, t.maxPerOrder(), t.salesOpenAt(), t.salesCloseAt()));
    return true;
  }

  synchronized int available(String eventId, String ticketTypeId) {
    return type(eventId, ticketTypeId).map(t -> Math.max(0, t.available())).orElse(0);
  }
}
