package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.EventOwners;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EventOwners} in memory. */
public final class InMemoryEventOwners implements EventOwners {
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  public InMemoryEventOwners own(String organizationId, String eventId) {
    owners.put(eventId, organizationId);
    return this;
  }

  @Override
  public Optional<String> ownerOf(String eventId) {
    return Optional.ofNullable(owners.get(eventId));
  }
}
