package com.boxoffice.shared.domain.organizer;

import com.boxoffice.shared.domain.catalog.EventStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The event's status machine: each transition names the statuses it may start from and the one it
 * leads to. Anything else is refused with {@link OrganizerRefusal.TransitionRefused}, and the
 * write that applies an allowed one is conditional on the status it was decided from, so two
 * organizers racing cannot skip a step.
 *
 * <pre>
 *   DRAFT --publish--> ON_SALE --pause--> PAUSED --publish--> ON_SALE
 *   ON_SALE | PAUSED --close--> CLOSED
 *   DRAFT | ON_SALE | PAUSED | CLOSED --cancel--> CANCELLED   (refunds are the cancellation route's work)
 * </pre>
 */
public enum EventTransition implements AuditedAction {
  PUBLISH("event.published", EventStatus.ON_SALE, EnumSet.of(EventStatus.DRAFT, EventStatus.PAUSED)),
  PAUSE("event.paused", EventStatus.PAUSED, EnumSet.of(EventStatus.ON_SALE)),
  CLOSE("event.closed", EventStatus.CLOSED, EnumSet.of(EventStatus.ON_SALE, EventStatus.PAUSED)),
  CANCEL("event.cancelled", EventStatus.CANCELLED,
      EnumSet.of(EventStatus.DRAFT, EventStatus.ON_SALE, EventStatus.PAUSED, EventStatus.CLOSED));

  private final String wire;
  private final EventStatus to;
  private final Set<EventStatus> from;

  EventTransition(String wire, EventStatus to, Set<EventStatus> from) {
    this.wire = wire;
    this.to = to;
    this.from = from;
  }

  @Override
  public String wire() {
    return wire;
  }

  public EventStatus to() {
    return to;
  }

  public boolean allowedFrom(EventStatus status) {
    return from.contains(status);
  }

  /** The status this transition leads to from {@code current}, or the refusal that names both. */
  public EventStatus apply(String eventId, EventStatus current) {
    if (!allowedFrom(current)) {
      throw new OrganizerRefusal.TransitionRefused(eventId, current, this);
    }
    return to;
  }
}
