package com.boxoffice.shared.domain.analytics;

/** No such event for this organization: absent, or owned by another (the two are not told apart). */
public final class EventNotFoundException extends RuntimeException {
  public EventNotFoundException(String eventId) {
    super("no event " + eventId + " for this organization");
  }
}
