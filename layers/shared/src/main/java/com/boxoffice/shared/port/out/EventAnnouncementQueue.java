package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.push.EventAnnouncement;

/** Where an event change's announcement job waits for the push processor (the push queue). */
public interface EventAnnouncementQueue {
  /** Queues the job; the same job queued twice is walked once. */
  void announce(EventAnnouncement announcement);
}
