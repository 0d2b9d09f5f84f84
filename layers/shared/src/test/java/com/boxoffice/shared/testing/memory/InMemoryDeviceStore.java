package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.DeviceStatus;
import com.boxoffice.shared.port.out.DeviceStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DeviceStore} in memory, with the DynamoDB adapter's conditions. */
public final class InMemoryDeviceStore implements DeviceStore {
  private final Map<String, Device> devices = new HashMap<>();

  @Override
  public synchronized Optional<Device> find(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId));
  }

  @Override
  public synchronized void save(Device d) {
    devices.put(d.deviceId(), new Device(d.deviceId(), d.userId(), d.platform(), d.token(), d.endpointArn(),
        DeviceStatus.ACTIVE, 0, d.updatedAt(), null));
  }

  @Override
  public synchronized List<Device> deliverable(String userId) {
    return devices.values().stream().filter(d -> d.userId().equals(userId) && d.deliverable())
        .sorted(Comparator.comparing(Device::deviceId)).toList();
  }

  @Override
  public synchronized boolean delete(String deviceId, String userId) {
    Device d = devices.get(deviceId);
    if (d == null || !d.userId().equals(userId)) {
      return false;
    }
    devices.remove(deviceId);
    return true;
  }

  @Override
  public synchronized void recordSuccess(String deviceId, Instant at) {
    Device d = devices.get(deviceId);
    if (d != null && d.status() != DeviceStatus.INACTIVE) {
      devices.put(deviceId, with(d, DeviceStatus.ACTIVE, 0, at, null));
    }
  }

  @Override
  public synchronized DeviceStatus recordFailure(String deviceId, int threshold, Instant at) {
    Device d = devices.get(deviceId);
    if (d == null || d.status() == DeviceStatus.INACTIVE) {
      return DeviceStatus.INACTIVE;
    }
    int failures = d.failures() + 1;
    DeviceStatus status = failures >= threshold ? DeviceStatus.INACTIVE : DeviceStatus.FAILING;
    devices.put(deviceId, with(d, status, failures, at, status == DeviceStatus.INACTIVE ? at : null));
    return status;
  }

  @Override
  public synchronized void deactivate(String deviceId, Instant at) {
    Device d = devices.get(deviceId);
    if (d != null && d.status() != DeviceStatus.INACTIVE) {
      devices.put(deviceId, with(d, DeviceStatus.INACTIVE, d.failures(), at, at));
    }
  }

  @Override
  public synchronized List<Device> inactiveSince(Instant cutoff, int limit) {
    return devices.values().stream()
        .filter(d -> d.status() == DeviceStatus.INACTIVE && d.inactiveSince().isBefore(cutoff))
        .sorted(Comparator.comparing(Device::inactiveSince)).limit(limit).toList();
  }

  @Override
  public synchronized boolean removeInactive(String deviceId, Instant cutoff) {
    Device d = devices.get(deviceId);
    if (d == null || d.status() != DeviceStatus.INACTIVE || !d.inactiveSince().isBefore(cutoff)) {
      return false;
    }
    devices.remove(deviceId);
    return true;
  }

  private static Device with(Device d, DeviceStatus status, int failures, Instant at, Instant inactiveSince) {
    return new Device(d.deviceId(), d.userId(), d.platform(), d.token(), d.endpointArn(), status, failures, at,
        inactiveSince);
  }
}
