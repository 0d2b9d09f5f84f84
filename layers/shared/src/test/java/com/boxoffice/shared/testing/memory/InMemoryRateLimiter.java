package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link RateLimiter} in memory: fixed windows per limit and key on the injected clock, like the DynamoDB limiter. */
public final class InMemoryRateLimiter implements RateLimiter {
  private final Map<String, Integer> used = new HashMap<>();
  private final Clock clock;

  public InMemoryRateLimiter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Decision tryAcquire(Limit limit, String key) {
    long now = clock.millis();
    long windowMs = limit.window().toMillis();
    long windowStart = now - Math.floorMod(now, windowMs);
    String slot = slot(limit, key, windowStart);
    int n = used.getOrDefault(slot, 0);
    if (n >= limit.limit()) {
      return new Decision(false, 0, Duration.ofMillis(windowStart + windowMs - now), windowStart);
    }
    used.put(slot, n + 1);
    return new Decision(true, limit.limit() - n - 1, Duration.ZERO, windowStart);
  }

  @Override
  public synchronized void release(Limit limit, String key, Decision decision) {
    if (decision.allowed()) {
      used.computeIfPresent(slot(limit, key, decision.window()), (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  /** Slots taken in the current window of {@code limit} for {@code key}. */
  public synchronized int used(Limit limit, String key) {
    long now = clock.millis();
    long windowStart = now - Math.floorMod(now, limit.window().toMillis());
    return used.getOrDefault(slot(limit, key, windowStart), 0);
  }

  /** Every slot taken in any window, for tests that show nothing was counted. */
  public synchronized int totalUsed() {
    return used.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static String slot(Limit limit, String key, long windowStart) {
    return limit.name() + "#" + key + "#" + windowStart;
  }
}
