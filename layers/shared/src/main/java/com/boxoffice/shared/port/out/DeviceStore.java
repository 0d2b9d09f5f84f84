package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.DeviceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registered devices. A device is keyed by its id (derived from its token), so saving a
 * registration for another user moves the device to that user. Status changes are conditional
 * writes: a failure recorded late cannot undo a newer registration.
 */
public interface DeviceStore {

  Optional<Device> find(String deviceId);

  /** Writes the device as registered now: active, no failures, owned by {@code device.userId()}. */
  void save(Device device);

  /** The user's devices that may receive pushes (active or failing). */
  List<Device> deliverable(String userId);

  /** Deletes the device if {@code userId} owns it; false when it is not theirs or is gone. */
  boolean delete(String deviceId, String userId);

  /** A delivery reached the device: failures back to 0, active again unless it was deactivated. */
  void recordSuccess(String deviceId, Instant at);

  /**
   * A delivery failed because of the device: one more failure in a row, failing, and inactive
   * once {@code threshold} is reached. Returns the status it now has.
   */
  DeviceStatus recordFailure(String deviceId, int threshold, Instant at);

  /** The provider says the device cannot be reached any more: inactive at once. */
  void deactivate(String deviceId, Instant at);

  /** Up to {@code limit} devices inactive since before {@code cutoff}, oldest first. */
  List<Device> inactiveSince(Instant cutoff, int limit);

  /** Removes the device only if it is still inactive since before {@code cutoff}; true if removed. */
  boolean removeInactive(String deviceId, Instant cutoff);
}
