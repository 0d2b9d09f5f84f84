package com.boxoffice.shared.domain.organizer;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.port.out.OrganizerEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an organizer may do with the events of their organization and their ticket types: create
 * and change events, move them through {@link EventTransition}, add and change ticket types. It
 * decides (ownership, the rules of each field, the status machine, capacity against sold + held)
 * and has {@link OrganizerEvents} write each change together with its audit entry. Every lookup
 * goes through the caller's organization: another organization's event is {@link OrganizerRefusal.NotFound}.
 */
public final class OrganizerService {
  static final int MAX_NAME = 200;
  static final int MAX_TYPE_NAME = 100;
  static final long MAX_PRICE = 100_000_000L;
  static final int MAX_CAPACITY = 1_000_000;
  static final int MAX_PER_ORDER = 100;
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final int WRITE_ATTEMPTS = 5;
  private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");
  private static final Set<EventStatus> EDITABLE = EnumSet.of(EventStatus.DRAFT, EventStatus.ON_SALE, EventStatus.PAUSED);

  private final OrganizerEvents events;
  private final Clock clock;

  public OrganizerService(OrganizerEvents events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** Who acts and for which organization: the token's subject and its {@code org} claim. */
  public record Actor(String organizationId, String subject) {}

  // ------------------------------------------------------------------ events

  /** Creates a DRAFT event owned by the actor's organization under {@code eventId}. */
  public OrganizerEvent createEvent(Actor actor, String eventId, EventDetails d) {
    Instant now = clock.instant();
    Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "name", d.name());
    required(problems, "timeZone", d.timeZone());
    required(problems, "startsAt", d.startsAt());
    required(problems, "endsAt", d.endsAt());
    required(problems, "currency", d.currency());
    if (!problems.isEmpty()) {
      throw new OrganizerRefusal.Invalid(problems);
    }
    OrganizerEvent event = new OrganizerEvent(eventId, actor.organizationId(), trim(d.name()), trim(d.venue()),
        d.timeZone(), d.startsAt(), d.endsAt(), d.salesOpenAt(), d.salesCloseAt() != null ? d.salesCloseAt() : d.endsAt(),
        d.currency(), EventStatus.DRAFT, orElse(d.allowReentry(), true), orElse(d.rotatingCodes(), false),
        orElse(d.printedCodesAllowed(), true), now, now, 1);
    check(event);
    AuditEntry audit = audit(actor, OrganizerAction.EVENT_CREATED, "event", eventId, now, null, event.audited());
    if (!events.create(event, audit)) {
      // The id is taken: by this same request's earlier attempt (same organization), or not ours.
      return events.find(eventId).filter(e -> e.organizationId().equals(actor.organizationId()))
          .orElseThrow(() -> new OrganizerRefusal.ConcurrentChange("event id " + eventId));
    }
    return event;
  }

  /** Changes the given details; the rest stays. Closed and cancelled events are no longer changed. */
  public OrganizerEvent updateEvent(Actor actor, String eventId, EventDetails d) {
    for (int attempt = 1; ; attempt++) {
      OrganizerEvent before = event(actor, eventId);
      if (!EDITABLE.contains(before.status())) {
        throw new OrganizerRefusal.NotEditable(eventId, before.status());
      }
      Instant now = clock.instant();
      OrganizerEvent after = new OrganizerEvent(eventId, before.organizationId(),
          d.name() != null ? trim(d.name()) : before.name(), d.venue() != null ? trim(d.venue()) : before.venue(),
          orElse(d.timeZone(), before.timeZone()), orElse(d.startsAt(), before.startsAt()),
          orElse(d.endsAt(), before.endsAt()), orElse(d.salesOpenAt(), before.salesOpenAt()),
          orElse(d.salesCloseAt(), before.salesCloseAt()), before.currency(), before.status(),
          orElse(d.allowReentry(), before.allowReentry()), orElse(d.rotatingCodes(), before.rotatingCodes()),
          orElse(d.printedCodesAllowed(), before.printedCodesAllowed()), before.createdAt(), now,
          before.version() + 1);
      check(after);
      AuditEntry audit = audit(actor, OrganizerAction.EVENT_UPDATED, "event", eventId, now, before.audited(),
          after.audited());
      if (events.update(after, before.version(), audit)) {
        return after;
      }
      if (attempt >= WRITE_ATTEMPTS) {
        throw new OrganizerRefusal.ConcurrentChange("event " + eventId);
      }
    }
  }

  /** Moves the event's status; publishing needs at least one ticket type. */
  public OrganizerEvent transition(Actor actor, String eventId, EventTransition transition) {
    for (int attempt = 1; ; attempt++) {
      OrganizerEvent before = event(actor, eventId);
      EventStatus to = transition.apply(eventId, before.status());
      if (transition == EventTransition.PUBLISH && events.ticketTypes(eventId).isEmpty()) {
        throw new OrganizerRefusal.Invalid(Map.of("ticketTypes", "add a ticket type before publishing"));
      }
      Instant now = clock.instant();
      OrganizerEvent after = before.withStatus(to, now);
      AuditEntry audit = audit(actor, transition, "event", eventId, now, Map.of("status", before.status().name()),
          Map.of("status", to.name()));
      if (events.transition(after, before.status(), to, audit)) {
        return after;
      }
      if (attempt >= WRITE_ATTEMPTS) {
        throw new OrganizerRefusal.ConcurrentChange("event " + eventId);
      }
    }
  }

  /** The event if the actor's organization owns it. */
  public OrganizerEvent event(Actor actor, String eventId) {
    return events.find(eventId).filter(e -> actor.organizationId().equals(e.organizationId()))
        .orElseThrow(() -> new OrganizerRefusal.NotFound("event " + eventId));
  }

  public Page<OrganizerEvent> events(Actor actor, Optional<String> cursor, int limit) {
    return events.list(actor.organizationId(), cursor, limit);
  }

  // ------------------------------------------------------------------ ticket types

  public List<OrganizerTicketType> ticketTypes(Actor actor, String eventId) {
    event(actor, eventId);
    return events.ticketTypes(eventId);
  }

  /** Adds a ticket type in the event's currency, with nothing held or sold. */
  public OrganizerTicketType addTicketType(Actor actor, String eventId, String ticketTypeId, TicketTypeDetails d) {
    OrganizerEvent event = event(actor, eventId);
    if (!EDITABLE.contains(event.status())) {
      throw new OrganizerRefusal.NotEditable(eventId, event.status());
    }
    Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "name", d.name());
    required(problems, "price", d.price());
    required(problems, "capacity", d.capacity());
    if (!problems.isEmpty()) {
      throw new OrganizerRefusal.Invalid(problems);
    }
    int capacity = d.capacity();
    OrganizerTicketType type = new OrganizerTicketType(eventId, ticketTypeId, trim(d.name()), d.price(),
        event.currency(), capacity, 0, 0, capacity, orElse(d.maxPerOrder(), 10), d.salesOpenAt(), d.salesCloseAt());
    check(type, event, 0);
    Instant now = clock.instant();
    AuditEntry audit = audit(actor, OrganizerAction.TICKET_TYPE_CREATED, "ticket_type", eventId + "/" + ticketTypeId,
        now, null, type.audited());
    if (!events.addTicketType(type, event.status(), audit)) {
      return events.ticketType(eventId, ticketTypeId)
          .orElseThrow(() -> new OrganizerRefusal.ConcurrentChange("event " + eventId));
    }
    return type;
  }

  /**
   * Changes a ticket type. A new price applies to orders placed from now on (orders keep their
   * own unit prices); a new capacity is refused below what is sold or held at the moment of the
   * write, not of the read.
   */
  public OrganizerTicketType updateTicketType(Actor actor, String eventId, String ticketTypeId, TicketTypeDetails d) {
    OrganizerEvent event = event(actor, eventId);
    if (!EDITABLE.contains(event.status())) {
      throw new OrganizerRefusal.NotEditable(eventId, event.status());
    }
    for (int attempt = 1; ; attempt++) {
      OrganizerTicketType before = events.ticketType(eventId, ticketTypeId)
          .orElseThrow(() -> new OrganizerRefusal.NotFound("ticket type " + ticketTypeId));
      int capacity = orElse(d.capacity(), before.capacity());
      OrganizerTicketType after = new OrganizerTicketType(eventId, ticketTypeId,
          d.name() != null ? trim(d.name()) : before.name(), orElse(d.price(), before.price()), before.currency(),
          capacity, before.held(), before.sold(), before.available() + (capacity - before.capacity()),
          orElse(d.maxPerOrder(), before.maxPerOrder()), orElse(d.salesOpenAt(), before.salesOpenAt()),
          orElse(d.salesCloseAt(), before.salesCloseAt()));
      check(after, event, before.committed());
      Instant now = clock.instant();
      AuditEntry audit = audit(actor, OrganizerAction.TICKET_TYPE_UPDATED, "ticket_type",
          eventId + "/" + ticketTypeId, now, before.audited(), after.audited());
      if (events.updateTicketType(before, after, audit) == OrganizerEvents.CapacityWrite.APPLIED) {
        return after;
      }
      if (attempt >= WRITE_ATTEMPTS) {
        throw new OrganizerRefusal.ConcurrentChange("ticket type " + ticketTypeId);
      }
    }
  }

  // ------------------------------------------------------------------ rules

  private static void check(OrganizerEvent e) {
    Map<String, String> p = new LinkedHashMap<>();
    text(p, "name", e.name(), MAX_NAME, true);
    text(p, "venue", e.venue(), MAX_NAME, false);
    if (!validZone(e.timeZone())) {
      p.put("timeZone", "not an IANA time zone");
    }
    if (!CURRENCY.matcher(e.currency()).matches()) {
      p.put("currency", "must be a three-letter ISO 4217 code in lower case");
    }
    time(p, "startsAt", e.startsAt());
    time(p, "endsAt", e.endsAt());
    time(p, "salesOpenAt", e.salesOpenAt());
    time(p, "salesCloseAt", e.salesCloseAt());
    if (p.isEmpty()) {
      if (!e.endsAt().isAfter(e.startsAt())) {
        p.put("endsAt", "must be after startsAt");
      } else if (SignedTicketCodes.whyNoCodeFor(e.eventId(), e.startsAt().minus(Order.TICKET_VALIDITY_MARGIN),
          e.endsAt().plus(Order.TICKET_VALIDITY_MARGIN)).isPresent()) {
        // Tickets are valid from 6 h before the start to 6 h after the end; their codes carry that window.
        p.put("endsAt", "too long after startsAt for the tickets' codes (at most about 44 days)");
      }
      if (e.salesCloseAt().isAfter(e.endsAt())) {
        p.put("salesCloseAt", "must not be after endsAt");
      }
      if (e.salesOpenAt() != null && !e.salesOpenAt().isBefore(e.salesCloseAt())) {
        p.put("salesOpenAt", "must be before salesCloseAt");
      }
    }
    if (!p.isEmpty()) {
      throw new OrganizerRefusal.Invalid(p);
    }
  }

  private static void check(OrganizerTicketType t, OrganizerEvent event, int committed) {
    Map<String, String> p = new LinkedHashMap<>();
    text(p, "name", t.name(), MAX_TYPE_NAME, true);
    if (t.price() < 0 || t.price() > MAX_PRICE) {
      p.put("price", "must be between 0 and " + MAX_PRICE + " minor units");
    }
    if (t.capacity() < 0 || t.capacity() > MAX_CAPACITY) {
      p.put("capacity", "must be between 0 and " + MAX_CAPACITY);
    } else if (t.capacity() < committed) {
      throw new OrganizerRefusal.CapacityBelowCommitted(committed);
    }
    if (t.maxPerOrder() < 1 || t.maxPerOrder() > MAX_PER_ORDER) {
      p.put("maxPerOrder", "must be between 1 and " + MAX_PER_ORDER);
    }
    time(p, "salesOpenAt", t.salesOpenAt());
    time(p, "salesCloseAt", t.salesCloseAt());
    if (!p.containsKey("salesOpenAt") && !p.containsKey("salesCloseAt")) {
      if (t.salesCloseAt() != null && t.salesCloseAt().isAfter(event.endsAt())) {
        p.put("salesCloseAt", "must not be after the event's endsAt");
      }
      if (t.salesOpenAt() != null && t.salesCloseAt() != null && !t.salesOpenAt().isBefore(t.salesCloseAt())) {
        p.put("salesOpenAt", "must be before salesCloseAt");
      }
    }
    if (!p.isEmpty()) {
      throw new OrganizerRefusal.Invalid(p);
    }
  }

  static boolean validZone(String zone) {
    return zone != null && ZoneId.getAvailableZoneIds().contains(zone);
  }

  private static void text(Map<String, String> p, String field, String value, int max, boolean required) {
    if (value == null) {
      return;
    }
    if (required && value.isBlank()) {
      p.put(field, "must not be blank");
    } else if (value.length() > max) {
      p.put(field, "at most " + max + " characters");
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      p.put(field, "must not contain control characters");
    }
  }

  private static void time(Map<String, String> p, String field, Instant value) {
    if (value != null && (value.isBefore(EARLIEST) || !value.isBefore(LATEST))) {
      p.put(field, "must be between 2000 and 2099");
    }
  }

  private static void required(Map<String, String> p, String field, Object value) {
    if (value == null) {
      p.put(field, "required");
    }
  }

  private static String trim(String s) {
    return s == null ? null : s.strip();
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static AuditEntry audit(Actor actor, AuditedAction action, String targetType, String targetId, Instant at,
      Map<String, ?> before, Map<String, ?> after) {
    return AuditEntry.of(actor.organizationId(), actor.subject(), action, targetType, targetId, at,
        AuditJson.of(before), AuditJson.of(after));
  }
}
