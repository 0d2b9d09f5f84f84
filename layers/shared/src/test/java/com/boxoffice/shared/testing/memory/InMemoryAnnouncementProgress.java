package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.AnnouncementProgress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link AnnouncementProgress} in memory, with the same conditions as the DynamoDB record. */
public final class InMemoryAnnouncementProgress implements AnnouncementProgress {
  private static final class Walk {
    Optional<String> cursor = Optional.empty();
    boolean done;
    int queued;
    String runId;
    Instant leaseUntil;
  }

  private final Map<String, Walk> walks = new HashMap<>();

  @Override
  public synchronized Take take(String eventId, String changeId, String runId, Instant now, Instant leaseUntil,
      Instant expiresAt) {
    Walk w = walks.computeIfAbsent(eventId + "/" + changeId, k -> new Walk());
    if (w.done) {
      return new Done();
    }
    if (w.leaseUntil != null && !w.leaseUntil.isBefore(now) && !runId.equals(w.runId)) {
      return new Busy(w.leaseUntil);
    }
    w.runId = runId;
    w.leaseUntil = leaseUntil;
    return new Taken(w.cursor);
  }

  @Override
  public synchronized boolean advance(String eventId, String changeId, String runId, Optional<String> next,
      int queued, Instant leaseUntil) {
    Walk w = walks.get(eventId + "/" + changeId);
    if (w == null || w.done || !runId.equals(w.runId)) {
      return false;
    }
    w.queued += queued;
    w.cursor = next;
    if (next.isEmpty()) {
      w.done = true;
      w.runId = null;
      w.leaseUntil = null;
    } else {
      w.leaseUntil = leaseUntil;
    }
    return true;
  }

  @Override
  public synchronized void release(String eventId, String changeId, String runId) {
    Walk w = walks.get(eventId + "/" + changeId);
    if (w != null && runId.equals(w.runId)) {
      w.runId = null;
      w.leaseUntil = null;
    }
  }

  /** Notifications recorded as queued for the walk. */
  public synchronized int queued(String eventId, String changeId) {
    Walk w = walks.get(eventId + "/" + changeId);
    return w == null ? 0 : w.queued;
  }
}
