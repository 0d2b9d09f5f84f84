package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.catalog.EventStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the event reminders read and the marks they leave, so that a schedule firing twice, or two
 * runs overlapping, remind each buyer of an event once.
 */
public interface EventReminderStore {
  /** What a claim found. */
  enum Claim {
    /** This run holds the reminder now and queues it. */
    CLAIMED,
    /** It is on the push queue already. */
    QUEUED,
    /** Another run claimed it a moment ago and has not confirmed it yet. */
    HELD
  }

  /** An event as the reminders need it. */
  record UpcomingEvent(String eventId, String name, Instant startsAt, EventStatus status) {}

  /**
   * Events starting after {@code after} and at the latest {@code upTo}, whatever their status. May
   * hold a few just outside (the caller checks the times again).
   */
  List<UpcomingEvent> startingBetween(Instant after, Instant upTo);

  /** Every buyer of the event was reminded by an earlier run. */
  boolean done(String eventId);

  /**
   * Claims the reminder of one buyer for one event: {@link Claim#CLAIMED} for the first claim, and
   * for a claim left unconfirmed since before {@code staleBefore} (a run that died before queueing
   * it).
   */
  Claim claim(String eventId, String userId, Instant at, Instant staleBefore);

  /** The claimed reminder is on the push queue. */
  void queued(String eventId, String userId, Instant at);

  /** Every buyer of the event found now was reminded; the marks may go at {@code expiresAt}. */
  void markDone(String eventId, Instant at, Instant expiresAt);
}
