package com.boxoffice.shared.domain.push;

import java.util.Objects;

/**
 * One change of an event that its buyers hear about, as a job on the push queue: the walk over the
 * event's orders that queues one {@link PushNotification#eventChanged} per buyer is done by the
 * push processor ({@link EventChangeAnnouncer}), not where the change is seen. Its id is
 * deterministic ({@code event-announcement:<eventId>:<changeId>}), so the same change queued twice
 * is the same job and walks the orders once.
 */
public record EventAnnouncement(String eventId, String changeId, String title, String body) {
  public EventAnnouncement {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
  }

  public String jobId() {
    return "event-announcement:" + eventId + ":" + changeId;
  }

  /** The notification of one buyer. */
  public PushNotification to(String userId) {
    return PushNotification.eventChanged(eventId, changeId, userId, title, body);
  }
}
