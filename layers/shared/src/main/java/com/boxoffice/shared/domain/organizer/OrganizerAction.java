package com.boxoffice.shared.domain.organizer;

/** The organizer's audited actions other than status changes ({@link EventTransition} names those). */
public enum OrganizerAction implements AuditedAction {
  EVENT_CREATED("event.created"),
  EVENT_UPDATED("event.updated"),
  TICKET_TYPE_CREATED("ticket_type.created"),
  TICKET_TYPE_UPDATED("ticket_type.updated"),
  DEVICE_REGISTERED("device.registered"),
  DEVICE_ASSIGNED("device.assigned"),
  DEVICE_REVOKED("device.revoked"),
  SIGNING_KEY_ROTATED("signing_key.rotated");

  private final String wire;

  OrganizerAction(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
