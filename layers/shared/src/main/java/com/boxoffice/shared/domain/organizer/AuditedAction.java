package com.boxoffice.shared.domain.organizer;

/**
 * What an organizer did, as it is recorded in the audit log. Each area of the organizer's side
 * keeps its actions in its own enum implementing this; {@link #wire()} is {@code <thing>.<verb>}
 * (for example {@code event.published}) and never changes once recorded.
 */
public interface AuditedAction {
  String wire();
}
