package com.boxoffice.shared.domain.organizer;

import com.boxoffice.shared.domain.catalog.EventStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as its organizer manages it: the attributes of the event record (docs/data-model.md)
 * including the door rules and the owning organization. {@code version} grows with every change
 * of the details, so an update decided on a stale read is refused rather than lost.
 */
public record OrganizerEvent(
    String eventId, String organizationId, String name, String venue, String timeZone, Instant startsAt,
    Instant endsAt, Instant salesOpenAt, Instant salesCloseAt, String currency, EventStatus status,
    boolean allowReentry, boolean rotatingCodes, boolean printedCodesAllowed, Instant createdAt, Instant updatedAt,
    long version) {

  public OrganizerEvent withStatus(EventStatus next, Instant at) {
    return new OrganizerEvent(eventId, organizationId, name, venue, timeZone, startsAt, endsAt, salesOpenAt,
        salesCloseAt, currency, next, allowReentry, rotatingCodes, printedCodesAllowed, createdAt, at, version + 1);
  }

  /** The event as the audit log keeps it: every attribute, no secret in any of them. */
  public Map<String, Object> audited() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventId", eventId);
    m.put("name", name);
    m.put("venue", venue);
    m.put("timeZone", timeZone);
    m.put("startsAt", startsAt);
    m.put("endsAt", endsAt);
    m.put("salesOpenAt", salesOpenAt);
    m.put("salesCloseAt", salesCloseAt);
    m.put("currency", currency);
    m.put("status", status.name());
    m.put("allowReentry", allowReentry);
    m.put("rotatingCodes", rotatingCodes);
    m.put("printedCodesAllowed", printedCodesAllowed);
    return m;
  }
}
