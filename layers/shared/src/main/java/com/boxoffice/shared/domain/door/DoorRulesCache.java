package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.port.out.DoorStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DoorStore} whose {@link #rules door rules} (the scanner's assignment and the event's
 * settings) are kept in the container for {@link #ttl}, so an admission pays no read for them.
 * The price is staleness: a revoked scanner, a cancelled event or a changed door setting takes
 * effect at most {@code ttl} after it is written (each cached read was a consistent one). What
 * the ticket says (status, inside, attempts) is never cached: the conditional write checks it.
 * Absent rules are cached too, so an unassigned device hammering the door costs one read per
 * {@code ttl}. The cache forgets everything once it holds {@link #MAX_ENTRIES} pairs, so junk ids
 * cannot grow it without bound.
 */
public final class DoorRulesCache implements DoorStore {
  /** The longest staleness the door accepts by default (docs/door.md). */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  static final int MAX_ENTRIES = 10_000;

  private record Cached(DoorRules rules, long until) {}

  private final DoorStore store;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** @param ttl how long a read is trusted; zero reads the store on every scan */
  public DoorRulesCache(DoorStore store, Clock clock, Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
  }

  public Duration ttl() {
    return ttl;
  }

  @Override
  public DoorRules rules(String scannerId, String eventId) {
    if (ttl.isZero()) {
      return store.rules(scannerId, eventId);
    }
    String key = scannerId + '\n' + eventId;
    long now = clock.millis();
    Cached hit = cache.get(key);
    if (hit != null && now < hit.until()) {
      return hit.rules();
    }
    DoorRules fresh = store.rules(scannerId, eventId);
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(key, new Cached(fresh, now + ttl.toMillis()));
    return fresh;
  }

  @Override
  public Optional<FallbackEntry> fallback(String eventId, String normalizedCode) {
    return store.fallback(eventId, normalizedCode);
  }

  @Override
  public Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry) {
    return store.enter(ticketId, scan, allowReentry);
  }

  @Override
  public Redemption exit(String ticketId, ScanRequest scan) {
    return store.exit(ticketId, scan);
  }

  @Override
  public void log(ScanLogEntry entry) {
    store.log(entry);
  }
}
