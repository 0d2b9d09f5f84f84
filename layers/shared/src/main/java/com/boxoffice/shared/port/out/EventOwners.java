package com.boxoffice.shared.port.out;

import java.util.Optional;

/** Which organization owns an event: the check every organizer route makes before it acts. */
public interface EventOwners {

  /** The owning organization's id; empty when there is no such event (or it has no owner). */
  Optional<String> ownerOf(String eventId);

  /** Whether {@code organizationId} owns the event; another tenant's event is as good as absent. */
  default boolean owns(String organizationId, String eventId) {
    return ownerOf(eventId).map(organizationId::equals).orElse(false);
  }
}
