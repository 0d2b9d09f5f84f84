package com.boxoffice.shared.domain.door;

import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-scanner limit on what brute force produces: refused and unreadable scans and scans by
 * an unassigned scanner. An admission (or a replay of one) is never counted, so it pays nothing
 * for the limit. Counting happens after the door has decided, when the scan changed nothing; a
 * scan that finds the limit used up is answered 429 instead of its refusal and is not logged.
 * Once refused, the scanner is remembered in this container until the window ends, so its next
 * scans are refused here without a write, admissions included, as before the limit counted only
 * refusals.
 */
public final class RefusedScanLimit {
  static final int MAX_REMEMBERED = 10_000;

  private final RateLimiter limiter;
  private final RateLimiter.Limit limit;
  private final Clock clock;
  private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

  public RefusedScanLimit(RateLimiter limiter, int perMinute, Clock clock) {
    this.limiter = limiter;
    this.limit = new RateLimiter.Limit("scanner", perMinute, Duration.ofMinutes(1));
    this.clock = clock;
  }

  /** A limit that never refuses (domain tests that do not look at it). */
  public static RefusedScanLimit none() {
    return new RefusedScanLimit(null, 1, Clock.systemUTC());
  }

  /** Throws when this container already saw the scanner refused in the current window. */
  void checkNotBlocked(String scannerId) {
    if (limiter == null) {
      return;
    }
    Long until = blockedUntil.get(scannerId);
    if (until == null) {
      return;
    }
    long left = until - clock.millis();
    if (left <= 0) {
      blockedUntil.remove(scannerId, until);
      return;
    }
    throw new ScanRateLimitedException(seconds(left));
  }

  /** Counts one refused scan; throws when the scanner has used up its window. */
  void count(String scannerId) {
    if (limiter == null) {
      return;
    }
    RateLimiter.Decision d = limiter.tryAcquire(limit, scannerId);
    if (!d.allowed()) {
      if (blockedUntil.size() >= MAX_REMEMBERED) {
        blockedUntil.clear();
      }
      blockedUntil.put(scannerId, clock.millis() + d.retryAfter().toMillis());
      throw new ScanRateLimitedException(d.retryAfterSeconds());
    }
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
