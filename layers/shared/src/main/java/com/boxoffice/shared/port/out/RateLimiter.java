package com.boxoffice.shared.port.out;

import java.time.Duration;

/**
 * Counts attempts per key in fixed windows shared by every Lambda instance. One call is one
 * conditional write: it either takes a slot or says how long until the window resets.
 */
public interface RateLimiter {

  /** A limit: at most {@code limit} acquisitions per {@code window}. */
  record Limit(String name, int limit, Duration window) {
    public Limit {
      if (limit < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("limit and window must be positive");
      }
    }
  }

  /**
   * The outcome: allowed, or refused with the time until a slot frees up. {@code window} names
   * the window the slot was taken in, so {@link #release} gives back the same one.
   */
  record Decision(boolean allowed, int remaining, Duration retryAfter, long window) {
    public Decision(boolean allowed, int remaining, Duration retryAfter) {
      this(allowed, remaining, retryAfter, -1);
    }

    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  Decision tryAcquire(Limit limit, String key);

  /**
   * Gives back a slot taken by an allowed {@code decision}, for an attempt that did not happen
   * after all (the provider refused it for now). A no-op for a refused decision.
   */
  default void release(Limit limit, String key, Decision decision) {
    // A limiter that holds nothing has nothing to give back.
  }
}
