package com.boxoffice.shared.domain.catalog;

import com.boxoffice.shared.port.out.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Catalog} that keeps each event and its ticket types in the container for {@link #ttl},
 * so checkout at on-sale rates reads the event's partition once per container and {@code ttl}
 * instead of once per request (docs/architecture.md, "Hot keys"). What it delays, by at most
 * {@code ttl} after the write (each cached read was a consistent one): a change of status (publish,
 * pause, close, cancel), of a price, a per-order limit or a sales window's instants, and a new
 * ticket type. What it cannot delay: sales windows are still decided against the caller's clock
 * with the cached instants, so they open and close exactly; seats are decided by the counters'
 * conditional writes, so the cached types' {@code held}, {@code sold} and {@code available} are a
 * snapshot that nothing may decide seats with. An absent event is cached too, so junk ids cost one
 * read per {@code ttl}; the cache forgets everything once it holds {@link #MAX_ENTRIES} events.
 */
public final class CatalogCache implements Catalog {
  /** How long checkout trusts a read of an event by default (docs/architecture.md, "Hot keys"). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  static final int MAX_ENTRIES = 1_000;

  private record Cached<T>(T value, long until) {}

  private final Catalog catalog;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached<Optional<CatalogEvent>>> events = new ConcurrentHashMap<>();
  private final Map<String, Cached<List<TicketType>>> types = new ConcurrentHashMap<>();

  /** @param ttl how long a read is trusted; zero reads the catalog on every call */
  public CatalogCache(Catalog catalog, Clock clock, Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    this.catalog = catalog;
    this.clock = clock;
    this.ttl = ttl;
  }

  public Duration ttl() {
    return ttl;
  }

  @Override
  public Optional<CatalogEvent> event(String eventId) {
    if (ttl.isZero()) {
      return catalog.event(eventId);
    }
    long now = clock.millis();
    var hit = events.get(eventId);
    if (hit != null && now < hit.until()) {
      return hit.value();
    }
    Optional<CatalogEvent> fresh = catalog.event(eventId);
    put(events, eventId, new Cached<>(fresh, now + ttl.toMillis()));
    return fresh;
  }

  @Override
  public List<TicketType> ticketTypes(String eventId) {
    if (ttl.isZero()) {
      return catalog.ticketTypes(eventId);
    }
    long now = clock.millis();
    var hit = types.get(eventId);
    if (hit != null && now < hit.until()) {
      return hit.value();
    }
    List<TicketType> fresh = List.copyOf(catalog.ticketTypes(eventId));
    put(types, eventId, new Cached<>(fresh, now + ttl.toMillis()));
    return fresh;
  }

  private static <T> void put(Map<String, Cached<T>> cache, String eventId, Cached<T> entry) {
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(eventId, entry);
  }
}
