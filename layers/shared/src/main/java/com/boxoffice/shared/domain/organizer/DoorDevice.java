package com.boxoffice.shared.domain.organizer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scanner device an organization registered. Its id is the subject of the scanner's token; it
 * scans the events it is assigned to until it is revoked ({@code revokedAt}), which revokes every
 * assignment. {@code lastScanAt} is the newest entry of the scan log it wrote, if any was found.
 */
public record DoorDevice(
    String deviceId, String organizationId, String name, Instant createdAt, Instant revokedAt, List<String> eventIds,
    Instant lastScanAt) {

  public DoorDevice {
    eventIds = List.copyOf(eventIds);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public Map<String, Object> audited() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deviceId", deviceId);
    m.put("name", name);
    m.put("eventIds", eventIds);
    m.put("revokedAt", revokedAt);
    return m;
  }
}
