package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.DoorDevice;
import java.util.List;
import java.util.Optional;

/**
 * The organization's scanner devices and their assignments to events: the assignment records are
 * the ones the door reads ({@code SCANNER#<deviceId>} / {@code EVENT#<eventId>}). Each change is
 * written with its audit entry.
 */
public interface DoorDevices {

  /** Registers the device; false if the id is taken. */
  boolean register(DoorDevice device, AuditEntry audit);

  /** The device if {@code organizationId} registered it; another organization's device is absent. */
  Optional<DoorDevice> find(String organizationId, String deviceId);

  /** Assigns the device to the event, unless it was revoked meanwhile (false). */
  boolean assign(DoorDevice device, String eventId, AuditEntry audit);

  /** Marks the device and every one of its assignments revoked; repeating it changes nothing more. */
  void revoke(DoorDevice device, java.time.Instant at, AuditEntry audit);

  /** The organization's devices, with the time of each one's newest scan where the scan log has one. */
  List<DoorDevice> list(String organizationId);
}
