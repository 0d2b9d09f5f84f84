package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.organizer.OrganizerTicketType;
import com.boxoffice.shared.domain.organizer.Page;
import java.util.List;
import java.util.Optional;

/**
 * Events and ticket types as organizers change them. Every change is written together with its
 * audit entry (both or neither), and every change is conditional on the state it was decided
 * from; a write whose condition no longer holds reports {@code false} (or {@link CapacityWrite#STALE})
 * and changes nothing.
 */
public interface OrganizerEvents {

  /** Writes a new event and its entry in the organization's list; false if the id is taken. */
  boolean create(OrganizerEvent event, AuditEntry audit);

  /** The event, whichever organization owns it (the caller checks). */
  Optional<OrganizerEvent> find(String eventId);

  /** Replaces the details if the stored version is still {@code expectedVersion}; the new version is stored. */
  boolean update(OrganizerEvent updated, long expectedVersion, AuditEntry audit);

  /** Moves the status if it is still {@code from}. */
  boolean transition(OrganizerEvent event, EventStatus from, EventStatus to, AuditEntry audit);

  /** The organization's events, oldest first, {@code limit} per page. An unreadable cursor is an IllegalArgumentException. */
  Page<OrganizerEvent> list(String organizationId, Optional<String> cursor, int limit);

  List<OrganizerTicketType> ticketTypes(String eventId);

  Optional<OrganizerTicketType> ticketType(String eventId, String ticketTypeId);

  /** Adds a ticket type with nothing held or sold, if the event's status is still {@code eventStatus}; false otherwise or if the id is taken. */
  boolean addTicketType(OrganizerTicketType type, EventStatus eventStatus, AuditEntry audit);

  /**
   * Writes {@code after}'s name, price, order limit, sales window and capacity, moving
   * {@code available} by the capacity's change, on condition that the capacity is still
   * {@code before}'s and that {@code available} covers a reduction: so capacity never goes below
   * sold + held, however many holds race the change.
   */
  CapacityWrite updateTicketType(OrganizerTicketType before, OrganizerTicketType after, AuditEntry audit);

  enum CapacityWrite { APPLIED, STALE }
}
