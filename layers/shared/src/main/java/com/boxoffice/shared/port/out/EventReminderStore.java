package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.catalog.EventStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the event reminders read and the marks they leave, so that a schedule firing twice, or two
 * runs overlapping, remind each buyer of an event once. Every mark is for one start of the event
 * ({@code startsAt}): an event moved to another time is reminded again, once, for its new start.
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
   * How far the reminders of one start of an event got: every buyer reminded, or the position in
   * its orders up to which every buyer is (empty: from the first order).
   */
  record Progress(boolean done, Optional<String> cursor) {
    public static final Progress NONE = new Progress(false, Optional.empty());
  }

  /**
   * Events starting after {@code after} and at the latest {@code upTo}, whatever their status, read
   * without going over the whole table. May hold a few just outside (the caller checks the times
   * again).
   */
  List<UpcomingEvent> startingBetween(Instant after, Instant upTo);

  /** Where the reminders of the event's start {@code startsAt} got. */
  Progress progress(String eventId, Instant startsAt);

  /**
   * Claims the reminder of one buyer for one start of an event: {@link Claim#CLAIMED} for the first
   * claim, and for a claim left unconfirmed since before {@code staleBefore} (a run that died before
   * queueing it).
   */
  Claim claim(String eventId, Instant startsAt, String userId, Instant at, Instant staleBefore);

  /** The claimed reminder is on the push queue. */
  void queued(String eventId, Instant startsAt, String userId, Instant at);

  /**
   * Every buyer of the orders before {@code cursor} is reminded: a later run goes on from there.
   * The record may go at {@code expiresAt}.
   */
  void advance(String eventId, Instant startsAt, String cursor, Instant expiresAt);

  /** Every buyer of the event found now was reminded; the marks may go at {@code expiresAt}. */
  void markDone(String eventId, Instant startsAt, Instant at, Instant expiresAt);
}
