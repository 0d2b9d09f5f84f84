package com.boxoffice.shared.port.out;

import java.time.Instant;

/**
 * Which Stripe events have been handled, one record per event id. A delivery first claims the
 * event with a lease; only the claimant works on it, a crashed claimant's lease runs out and the
 * next delivery takes over, and a finished event is never worked on again. Records live longer
 * than Stripe will ever redeliver an event (its retries plus the 30-day replay window).
 */
public interface StripeEventLedger {

  /** Where an event stands for whoever tried to claim it. */
  enum ClaimState {
    /** The caller holds the lease and must finish, queue or release the event. */
    ACQUIRED,
    /** Already processed; nothing to do. */
    DONE,
    /** Handed to the retry queue; a webhook delivery leaves it to the queue. */
    QUEUED,
    /** Another attempt holds a live lease. */
    BUSY
  }

  record Claim(ClaimState state, String outcome) {}

  /** What processing decided, recorded with the DONE status (the event's audit entry). */
  record Completion(String type, String outcome, String orderId, String paymentIntentId) {}

  /**
   * Claims {@code eventId} for {@code owner} until {@code leaseUntil}. A record that is new,
   * released, or whose lease has run out is claimable; a {@code QUEUED} one only when
   * {@code takeQueued} (the retry processor).
   */
  Claim claim(String eventId, String type, String owner, Instant now, Instant leaseUntil, boolean takeQueued);

  /**
   * Marks the event DONE with its outcome and writes the order's audit entry, if the caller still
   * holds the lease. Returns false when the lease had passed to someone else (who will finish it).
   */
  boolean complete(String eventId, String owner, Completion completion, Instant now);

  /** The event went to the retry queue: the lease is dropped and only the queue works on it. */
  void markQueued(String eventId, String owner, String reason, Instant now);

  /** The attempt failed and nothing else will pick it up: any later delivery may claim it. */
  void release(String eventId, String owner, String reason, Instant now);
}
