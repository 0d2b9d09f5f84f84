package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.SendPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link SendPacer} in memory: slots exactly one interval apart on the injected clock, the next
 * free one handed out unless it lies further ahead than the caller will wait, as the DynamoDB pacer.
 */
public final class InMemorySendPacer implements SendPacer {
  private final Duration interval;
  private final Clock clock;
  private Instant next = Instant.MIN;

  public InMemorySendPacer(double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.interval = Duration.ofNanos(Math.max(1000, Math.round(1_000_000_000 / perSecond)));
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Instant> reserve(Duration maxWait) {
    Instant now = clock.instant();
    Instant slot = next.isBefore(now) ? now : next;
    if (slot.isAfter(now.plus(maxWait))) {
      return Optional.empty();
    }
    next = slot.plus(interval);
    return Optional.of(slot);
  }
}
