package com.boxoffice.shared.domain.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops calling a dependency that keeps failing, and tries it again on its own. Closed, it lets
 * every call through and counts failures; {@code failureThreshold} failures within
 * {@code failureWindow} open it. Open, it refuses calls for {@code openDuration}; then it is
 * half-open and lets exactly one trial call through: success closes it, failure opens it again.
 * A trial that never reports back (its invocation timed out or died mid-call, and the container
 * lives on) is given up after {@code openDuration}, and the next call is the new trial; otherwise
 * the breaker would refuse every call in this container for good.
 * One instance per container is shared by all requests; time comes from the injected clock.
 */
public final class CircuitBreaker {
  /** The breaker's state, for logs and tests. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int failureThreshold;
  private final Duration failureWindow;
  private final Duration openDuration;
  private final Clock clock;

  private final Deque<Instant> failures = new ArrayDeque<>();
  private State state = State.CLOSED;
  private Instant openUntil = Instant.MIN;
  private boolean trialInFlight;
  private Instant trialStartedAt = Instant.MIN;

  public CircuitBreaker(int failureThreshold, Duration failureWindow, Duration openDuration, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be positive");
    }
    this.failureThreshold = failureThreshold;
    this.failureWindow = failureWindow;
    this.openDuration = openDuration;
    this.clock = clock;
  }

  /** The defaults around the payment provider: 5 failures in 30 s open it for 30 s. */
  public static CircuitBreaker forPaymentProvider(Clock clock) {
    return new CircuitBreaker(5, Duration.ofSeconds(30), Duration.ofSeconds(30), clock);
  }

  /**
   * Whether a call could be let through now, without taking the half-open trial. Used to refuse
   * work early (before holding seats) while the breaker is open.
   */
  public synchronized boolean wouldPermit() {
    return switch (currentState()) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> !trialOutstanding();
    };
  }

  /**
   * Takes permission for one call. Every {@code true} must be followed by exactly one of
   * {@link #recordSuccess()}, {@link #recordFailure()} or {@link #recordAbandoned()}.
   */
  public synchronized boolean tryAcquire() {
    return switch (currentState()) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialOutstanding()) {
          yield false;
        }
        trialInFlight = true;
        trialStartedAt = clock.instant();
        yield true;
      }
    };
  }

  /** The dependency answered (even with a refusal of our request): it is healthy. */
  public synchronized void recordSuccess() {
    state = State.CLOSED;
    trialInFlight = false;
    failures.clear();
  }

  /** The dependency failed to answer usefully (timeout, refused, 5xx, 429). */
  public synchronized void recordFailure() {
    Instant now = clock.instant();
    if (currentState() == State.HALF_OPEN) {
      open(now);
      return;
    }
    failures.addLast(now);
    Instant horizon = now.minus(failureWindow);
    while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
      failures.removeFirst();
    }
    if (failures.size() >= failureThreshold) {
      open(now);
    }
  }

  /** A permission was taken but no call was made: a half-open trial becomes available again. */
  public synchronized void recordAbandoned() {
    trialInFlight = false;
  }

  public synchronized State state() {
    return currentState();
  }

  /** Seconds until an open breaker lets a trial through (at least 1), for Retry-After. */
  public synchronized long secondsUntilTrial() {
    long ms = Duration.between(clock.instant(), openUntil).toMillis();
    return Math.max(1, (ms + 999) / 1000);
  }

  /** A trial is under way and has not yet been given up on. */
  private boolean trialOutstanding() {
    return trialInFlight && clock.instant().isBefore(trialStartedAt.plus(openDuration));
  }

  private void open(Instant now) {
    state = State.OPEN;
    openUntil = now.plus(openDuration);
    trialInFlight = false;
    failures.clear();
  }

  private State currentState() {
    if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    return state;
  }
}
