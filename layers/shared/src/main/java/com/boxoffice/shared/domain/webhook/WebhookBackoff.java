package com.boxoffice.shared.domain.webhook;

import java.time.Duration;
import java.util.List;

/**
 * How long a failed retry waits before the next attempt, by how often the message has been
 * received: 1, 2, 4, 8, 16, 32 minutes, then 32 minutes until the queue's redrive policy moves it
 * to the dead-letter queue.
 */
@FunctionalInterface
public interface WebhookBackoff {
  Duration delayAfter(int receiveCount);

  List<Duration> STANDARD_STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
      Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32));

  static WebhookBackoff standard() {
    return receiveCount -> STANDARD_STEPS.get(Math.max(0, Math.min(receiveCount, STANDARD_STEPS.size()) - 1));
  }

  /**
   * The standard doubling from {@code first} instead of one minute: {@code first} times 1, 2, 4...
   * 32. Zero retries at once, which only the system tests want (they drive a message to the
   * dead-letter queue within one invocation).
   */
  static WebhookBackoff doublingFrom(Duration first) {
    return receiveCount -> first.multipliedBy(
        STANDARD_STEPS.get(Math.max(0, Math.min(receiveCount, STANDARD_STEPS.size()) - 1)).toMinutes());
  }
}
