package com.boxoffice.shared.ratelimit;

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

  /** The outcome: allowed, or refused with the time until a slot frees up. */
  record Decision(boolean allowed, int remaining, Duration retryAfter) {
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  Decision tryAcquire(Limit limit, String key);
}
