package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryDeviceStore;
import com.boxoffice.shared.testing.memory.InMemoryPushCollapse;
import com.boxoffice.shared.testing.memory.InMemoryPushGateway;
import com.boxoffice.shared.testing.memory.InMemoryPushLedger;
import com.boxoffice.shared.testing.memory.InMemoryPushPreferences;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/** The push domain on in-memory ports and a clock the test moves. */
final class PushFixture {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  final InMemoryDeviceStore devices = new InMemoryDeviceStore();
  final InMemoryPushPreferences preferences = new InMemoryPushPreferences();
  final InMemoryPushLedger ledger = new InMemoryPushLedger();
  final InMemoryPushGateway gateway = new InMemoryPushGateway();
  final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  final DeviceRegistry registry = new DeviceRegistry(devices, gateway, clock);
  final PushDelivery delivery = new PushDelivery(devices, preferences, ledger, new InMemoryPushCollapse(clock),
      limiter, gateway, PushDelivery.Settings.standard(), clock);
  private final Random random = new Random(7);

  String apnsToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  Device register(String userId) {
    return registry.register(userId, "apns", apnsToken()).device();
  }

  static PushNotification order(String id, String userId) {
    return new PushNotification(id, userId, PushCategory.ORDER_UPDATES, null, null, "t", "b", Map.of());
  }

  static PushNotification reminder(String id, String userId, String campaign) {
    return new PushNotification(id, userId, PushCategory.EVENT_REMINDERS, campaign, null, "t", "b", Map.of());
  }
}
