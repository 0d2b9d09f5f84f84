package com.boxoffice.shared.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * What happened to each notification, so that it is decided once and sent at most once to each
 * device: one admission record per notification (admitted, collapsed or dropped, decided once),
 * and one delivery record per notification and device, claimed with a lease before the publish
 * and marked sent right after, each a conditional write. Every attempt's outcome is kept on the
 * delivery record ({@code attempts}, {@code lastOutcome}).
 */
public interface PushLedger {

  /** How a notification was let through, or not. */
  enum Verdict { ADMITTED, COLLAPSED, DROPPED }

  /** Where one notification stands for one device. */
  enum Status { SENDING, SENT, FAILED }

  record Delivery(String notificationId, String deviceId, Status status, String owner, Instant leaseUntil,
      int attempts, String lastOutcome) {}

  /** The admission decided for the notification, if any. */
  Optional<Verdict> verdict(String notificationId);

  /**
   * Records {@code verdict} unless one is there already; returns the verdict that stands (ours, or
   * the one recorded first).
   */
  Verdict decide(String notificationId, Verdict verdict, String reason, Instant at);

  /**
   * Takes the (notification, device) pair for {@code owner} until {@code leaseUntil}: succeeds when
   * there is no record, a retryable failure, or a lease that ran out. Otherwise returns what is in
   * the way.
   */
  Optional<Delivery> claim(String notificationId, String deviceId, String owner, Instant now, Instant leaseUntil);

  /** Records the send; only the lease owner can. */
  void markSent(String notificationId, String deviceId, String owner, String messageId, Instant at);

  /**
   * Records a failed attempt: {@code retryable} gives the pair back for the next attempt,
   * otherwise it is closed as failed for good.
   */
  void markFailed(String notificationId, String deviceId, String owner, String outcome, boolean retryable,
      Instant at);
}
