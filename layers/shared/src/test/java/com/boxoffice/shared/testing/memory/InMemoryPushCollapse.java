package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.PushCollapse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link PushCollapse} in memory: fixed windows on the injected clock, like the DynamoDB adapter. */
public final class InMemoryPushCollapse implements PushCollapse {
  private final Map<String, String> holders = new HashMap<>();
  private final Clock clock;

  public InMemoryPushCollapse(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized boolean hold(String userId, String collapseKey, String notificationId, Duration window) {
    long now = clock.millis();
    long start = now - Math.floorMod(now, window.toMillis());
    String holder = holders.putIfAbsent(userId + "#" + collapseKey + "#" + start, notificationId);
    return holder == null || holder.equals(notificationId);
  }
}
