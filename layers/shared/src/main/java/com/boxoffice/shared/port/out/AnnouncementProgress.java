package com.boxoffice.shared.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * How far the walk over an event's orders for one announcement got, so that a walk cut short by its
 * time budget goes on where it stopped, and a duplicated job walks nothing twice: one record per
 * event and change, taken by one run at a time with a lease.
 */
public interface AnnouncementProgress {
  /** What {@link #take} found. */
  sealed interface Take permits Taken, Done, Busy {}

  /** This run walks now, from {@code cursor} (empty: from the first order). */
  record Taken(Optional<String> cursor) implements Take {}

  /** Every buyer was queued by an earlier run. */
  record Done() implements Take {}

  /** Another run holds the walk until {@code leaseUntil}. */
  record Busy(Instant leaseUntil) implements Take {}

  /**
   * Takes the walk for {@code runId} until {@code leaseUntil}, unless it is done or another run's
   * lease is still running at {@code now}. The record may go at {@code expiresAt}.
   */
  Take take(String eventId, String changeId, String runId, Instant now, Instant leaseUntil, Instant expiresAt);

  /**
   * Records that the page before {@code next} is queued ({@code queued} notifications), and that the
   * walk is done when {@code next} is empty; false (nothing recorded) when the walk is no longer
   * {@code runId}'s.
   */
  boolean advance(String eventId, String changeId, String runId, Optional<String> next, int queued,
      Instant leaseUntil);

  /** Gives the walk up for now (the next run takes it at once); nothing when it is not {@code runId}'s. */
  void release(String eventId, String changeId, String runId);
}
