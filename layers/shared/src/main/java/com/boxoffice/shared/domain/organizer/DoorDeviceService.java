package com.boxoffice.shared.domain.organizer;

import com.boxoffice.shared.port.out.DoorDevices;
import com.boxoffice.shared.port.out.EventOwners;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organization's door devices: registering a scanner (its id becomes the subject of its
 * token), assigning it to one of the organization's events, revoking it (every assignment at once,
 * so its next scan is refused) and listing them.
 */
public final class DoorDeviceService {
  static final int MAX_NAME = 100;

  private final DoorDevices devices;
  private final EventOwners owners;
  private final Clock clock;

  public DoorDeviceService(DoorDevices devices, EventOwners owners, Clock clock) {
    this.devices = devices;
    this.owners = owners;
    this.clock = clock;
  }

  public DoorDevice register(OrganizerService.Actor actor, String deviceId, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    if (name == null || name.isBlank()) {
      p.put("name", "required");
    } else if (name.length() > MAX_NAME) {
      p.put("name", "at most " + MAX_NAME + " characters");
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      p.put("name", "must not contain control characters");
    }
    if (!p.isEmpty()) {
      throw new OrganizerRefusal.Invalid(p);
    }
    Instant now = clock.instant();
    DoorDevice device = new DoorDevice(deviceId, actor.organizationId(), name.strip(), now, null, List.of(), null);
    if (!devices.register(device, OrganizerService.audit(actor, OrganizerAction.DEVICE_REGISTERED, "device", deviceId,
        now, null, device.audited()))) {
      return devices.find(actor.organizationId(), deviceId)
          .orElseThrow(() -> new OrganizerRefusal.ConcurrentChange("device id " + deviceId));
    }
    return device;
  }

  /** Assigns the device to the event; both must be the organization's, and the device not revoked. */
  public DoorDevice assign(OrganizerService.Actor actor, String deviceId, String eventId) {
    DoorDevice device = device(actor, deviceId);
    if (eventId == null || !owners.owns(actor.organizationId(), eventId)) {
      throw new OrganizerRefusal.NotFound("event " + eventId);
    }
    if (device.revoked()) {
      throw new OrganizerRefusal.DeviceRevoked(deviceId);
    }
    if (device.eventIds().contains(eventId)) {
      return device;
    }
    List<String> events = new java.util.ArrayList<>(device.eventIds());
    events.add(eventId);
    DoorDevice after = new DoorDevice(deviceId, device.organizationId(), device.name(), device.createdAt(), null,
        events, device.lastScanAt());
    if (!devices.assign(device, eventId, OrganizerService.audit(actor, OrganizerAction.DEVICE_ASSIGNED, "device",
        deviceId, clock.instant(), device.audited(), after.audited()))) {
      throw new OrganizerRefusal.DeviceRevoked(deviceId);
    }
    return after;
  }

  /** Revokes the device and all its assignments; revoking it again answers the same. */
  public DoorDevice revoke(OrganizerService.Actor actor, String deviceId) {
    DoorDevice device = device(actor, deviceId);
    Instant at = device.revoked() ? device.revokedAt() : clock.instant();
    DoorDevice after = new DoorDevice(deviceId, device.organizationId(), device.name(), device.createdAt(), at,
        device.eventIds(), device.lastScanAt());
    devices.revoke(device, at, OrganizerService.audit(actor, OrganizerAction.DEVICE_REVOKED, "device", deviceId,
        clock.instant(), device.audited(), after.audited()));
    return after;
  }

  public List<DoorDevice> list(OrganizerService.Actor actor) {
    return devices.list(actor.organizationId());
  }

  private DoorDevice device(OrganizerService.Actor actor, String deviceId) {
    return devices.find(actor.organizationId(), deviceId)
        .orElseThrow(() -> new OrganizerRefusal.NotFound("device " + deviceId));
  }
}
