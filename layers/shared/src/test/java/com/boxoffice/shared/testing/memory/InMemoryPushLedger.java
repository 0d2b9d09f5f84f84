package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.PushLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link PushLedger} in memory, with the DynamoDB adapter's conditions. */
public final class InMemoryPushLedger implements PushLedger {
  private final Map<String, Verdict> verdicts = new HashMap<>();
  private final Map<String, String> reasons = new HashMap<>();
  private final Map<String, Delivery> deliveries = new HashMap<>();

  @Override
  public synchronized Optional<Verdict> verdict(String notificationId) {
    return Optional.ofNullable(verdicts.get(notificationId));
  }

  /** Why the notification was decided as it was, for assertions. */
  public synchronized Optional<String> reason(String notificationId) {
    return Optional.ofNullable(reasons.get(notificationId));
  }

  @Override
  public synchronized Verdict decide(String notificationId, Verdict verdict, String reason, Instant at) {
    Verdict first = verdicts.putIfAbsent(notificationId, verdict);
    if (first == null) {
      reasons.put(notificationId, reason);
      return verdict;
    }
    return first;
  }

  /** The delivery record of one pair, for assertions. */
  public synchronized Optional<Delivery> delivery(String notificationId, String deviceId) {
    return Optional.ofNullable(deliveries.get(notificationId + "|" + deviceId));
  }

  @Override
  public synchronized Optional<Delivery> claim(String notificationId, String deviceId, String owner, Instant now,
      Instant leaseUntil) {
    String k = notificationId + "|" + deviceId;
    Delivery d = deliveries.get(k);
    if (d != null && !(d.status() == Status.SENDING && d.leaseUntil().isBefore(now))) {
      return Optional.of(d);
    }
    deliveries.put(k, new Delivery(notificationId, deviceId, Status.SENDING, owner, leaseUntil,
        d == null ? 1 : d.attempts() + 1, d == null ? null : d.lastOutcome()));
    return Optional.empty();
  }

  @Override
  public synchronized void markSent(String notificationId, String deviceId, String owner, String messageId,
      Instant at) {
    String k = notificationId + "|" + deviceId;
    Delivery d = deliveries.get(k);
    if (d != null && owner.equals(d.owner())) {
      deliveries.put(k, new Delivery(notificationId, deviceId, Status.SENT, owner, null, d.attempts(), "sent"));
    }
  }

  @Override
  public synchronized void markFailed(String notificationId, String deviceId, String owner, String outcome,
      boolean retryable, Instant at) {
    String k = notificationId + "|" + deviceId;
    Delivery d = deliveries.get(k);
    if (d != null && owner.equals(d.owner()) && d.status() == Status.SENDING) {
      deliveries.put(k, new Delivery(notificationId, deviceId, retryable ? Status.SENDING : Status.FAILED, owner,
          Instant.EPOCH, d.attempts(), outcome));
    }
  }
}
