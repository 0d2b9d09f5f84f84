package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.port.out.DeviceStore;
import com.boxoffice.shared.port.out.PushGateway;
import com.boxoffice.shared.port.out.PushGateway.FailureKind;
import com.boxoffice.shared.port.out.PushGateway.PushGatewayException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers and removes a buyer's devices. Registration is idempotent: the token names the
 * device, so registering it again refreshes it (and reactivates it after failures), and a token
 * registered by another account moves to that account. A token without its platform's shape is
 * refused before anything is stored or sent to the provider.
 */
public final class DeviceRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

  /** The device as stored, and whether this call created it. */
  public record Registered(Device device, boolean created) {}

  private final DeviceStore devices;
  private final PushGateway gateway;
  private final Clock clock;

  public DeviceRegistry(DeviceStore devices, PushGateway gateway, Clock clock) {
    this.devices = devices;
    this.gateway = gateway;
    this.clock = clock;
  }

  /** Checks a registration's fields; throws {@link InvalidDeviceException} naming each bad one. */
  public static Platform validate(String platform, String token) {
    Map<String, String> problems = new LinkedHashMap<>();
    Optional<Platform> p = platform == null ? Optional.empty() : Platform.fromWire(platform);
    if (platform == null) {
      problems.put("platform", "required");
    } else if (p.isEmpty()) {
      problems.put("platform", "must be apns or fcm");
    }
    if (token == null || token.isEmpty()) {
      problems.put("token", "required");
    } else if (p.isPresent()) {
      p.get().tokenProblem(token).ifPresent(problem -> problems.put("token", problem));
    }
    if (!problems.isEmpty()) {
      throw new InvalidDeviceException(problems);
    }
    return p.get();
  }

  public Registered register(String userId, String platformWire, String rawToken) {
    Platform platform = validate(platformWire, rawToken);
    String token = platform.canonical(rawToken);
    String deviceId = Device.idFor(platform, token);
    Instant now = clock.instant();
    Optional<Device> existing = devices.find(deviceId);
    String endpointArn = existing.map(Device::endpointArn).orElse(null);
    if (endpointArn != null && (existing.get().status() != DeviceStatus.ACTIVE
        || !existing.get().userId().equals(userId))) {
      try {
        gateway.enable(endpointArn, token);
      } catch (PushGatewayException e) {
        if (e.kind() != FailureKind.ENDPOINT_DISABLED) {
          throw e;
        }
        // The endpoint was deleted (by the cleanup or an operator): make a new one.
        endpointArn = null;
      }
    }
    if (endpointArn == null) {
      endpointArn = gateway.createEndpoint(platform, token, deviceId);
    }
    if (existing.isPresent() && !existing.get().userId().equals(userId)) {
      LOG.info("device moves to another account deviceId={}", deviceId);
    }
    Device device = new Device(deviceId, userId, platform, token, endpointArn, DeviceStatus.ACTIVE, 0, now, null);
    devices.save(device);
    return new Registered(device, existing.isEmpty());
  }

  /**
   * Removes the user's device and its endpoint; false when the user has no such device. The
   * endpoint goes first: a record left behind by a failure after it finds its endpoint gone on
   * the next push and is cleaned up, whereas an endpoint left behind would never be.
   */
  public boolean remove(String userId, String deviceId) {
    Optional<Device> device = devices.find(deviceId).filter(d -> d.userId().equals(userId));
    if (device.isEmpty()) {
      return false;
    }
    gateway.deleteEndpoint(device.get().endpointArn());
    return devices.delete(deviceId, userId);
  }
}
