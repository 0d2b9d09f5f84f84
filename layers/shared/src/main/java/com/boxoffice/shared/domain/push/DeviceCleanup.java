package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.port.out.DeviceStore;
import com.boxoffice.shared.port.out.PushGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes devices that have been inactive for at least {@code retention}, and their endpoints.
 * Conservative on purpose: only {@code INACTIVE} devices are looked at (one failure only makes a
 * device failing), and the record is removed only if it is still inactive since before the cutoff,
 * so a device registered again meanwhile stays.
 */
public final class DeviceCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceCleanup.class);

  /** What one run did. */
  public record Report(int examined, int removed, int failed) {}

  private final DeviceStore devices;
  private final PushGateway gateway;
  private final Duration retention;
  private final Clock clock;

  public DeviceCleanup(DeviceStore devices, PushGateway gateway, Duration retention, Clock clock) {
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("retention must be at least a day");
    }
    this.devices = devices;
    this.gateway = gateway;
    this.retention = retention;
    this.clock = clock;
  }

  public Report run(int limit) {
    Instant cutoff = clock.instant().minus(retention);
    int examined = 0;
    int removed = 0;
    int failed = 0;
    for (Device device : devices.inactiveSince(cutoff, limit)) {
      examined++;
      if (device.status() != DeviceStatus.INACTIVE || device.inactiveSince() == null
          || !device.inactiveSince().isBefore(cutoff)) {
        continue;
      }
      try {
        gateway.deleteEndpoint(device.endpointArn());
        if (devices.removeInactive(device.deviceId(), cutoff)) {
          removed++;
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("could not remove an inactive device deviceId={}; the next run tries again", device.deviceId(), e);
      }
    }
    return new Report(examined, removed, failed);
  }
}
