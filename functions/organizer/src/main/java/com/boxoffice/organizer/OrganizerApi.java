package com.boxoffice.organizer;

import com.boxoffice.shared.domain.code.CrockfordBase32;
import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.AuditPage;
import com.boxoffice.shared.domain.organizer.DoorDevice;
import com.boxoffice.shared.domain.organizer.DoorDeviceService;
import com.boxoffice.shared.domain.organizer.EventDetails;
import com.boxoffice.shared.domain.organizer.EventTransition;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.OrganizerTicketType;
import com.boxoffice.shared.domain.organizer.Page;
import com.boxoffice.shared.domain.organizer.SigningKeyService;
import com.boxoffice.shared.domain.organizer.TicketTypeDetails;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.IdempotentRoutes;
import com.boxoffice.shared.http.Organization;
import com.boxoffice.shared.http.RequestBodies;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.AuditLog;
import com.boxoffice.shared.port.out.IdempotencyStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organizer's routes under {@code /v1/org}: events and their status, ticket types, door
 * devices and the audit log, all within the organization of the caller's token
 * ({@link Organization#of}). An id of another organization answers 404 {@code not_found} like an id
 * that does not exist. Every state-changing route accepts {@code Idempotency-Key}
 * ({@link IdempotentRoutes}); the ids it creates derive from the request's attempt seed, so a
 * retry after a lost answer finds what the first attempt created. Built by {@link OrganizerWiring}.
 */
public final class OrganizerApi {
  static final Duration IN_PROGRESS_FOR = Duration.ofSeconds(30);
  /** Idempotency records of this function start with it (the template's LeadingKeys condition). */
  static final String IDEMPOTENCY_PREFIX = "organizer#";
  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 100;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** A signing key id as rotations name them (docs/ticket-codes.md). */
  private static final Pattern KEY_ID = Pattern.compile("k[1-9][0-9]{0,2}");

  private final OrganizerService events;
  private final DoorDeviceService devices;
  private final AuditLog audit;
  private final IdempotentRoutes idempotent;
  private final Optional<SigningKeyService> signingKeys;

  /**
   * @param signingKeys the key rotation; empty where the keys are not in Secrets Manager (the
   *     local runner passes them as a plain setting), and the route then answers 503
   */
  public OrganizerApi(OrganizerService events, DoorDeviceService devices, AuditLog audit, IdempotencyStore idempotency,
      Optional<SigningKeyService> signingKeys, Clock clock) {
    this.events = events;
    this.devices = devices;
    this.audit = audit;
    this.signingKeys = signingKeys;
    this.idempotent = new IdempotentRoutes(idempotency, clock, IN_PROGRESS_FOR);
  }

  public Router router() {
    return new Router()
        .route("POST", "/v1/org/events", keyed("createEvent", this::createEvent))
        .route("GET", "/v1/org/events", this::listEvents)
        .route("GET", "/v1/org/events/{eventId}", this::getEvent)
        .route("PATCH", "/v1/org/events/{eventId}", keyed("updateEvent", this::updateEvent))
        .route("POST", "/v1/org/events/{eventId}/publish", keyed("publish", (r, a) -> transition(r, EventTransition.PUBLISH)))
        .route("POST", "/v1/org/events/{eventId}/pause", keyed("pause", (r, a) -> transition(r, EventTransition.PAUSE)))
        .route("POST", "/v1/org/events/{eventId}/close", keyed("close", (r, a) -> transition(r, EventTransition.CLOSE)))
        .route("POST", "/v1/org/events/{eventId}/ticket-types", keyed("createTicketType", this::createTicketType))
        .route("PATCH", "/v1/org/events/{eventId}/ticket-types/{ticketTypeId}",
            keyed("updateTicketType", this::updateTicketType))
        .route("POST", "/v1/org/devices", keyed("registerDevice", this::registerDevice))
        .route("GET", "/v1/org/devices", this::listDevices)
        .route("POST", "/v1/org/devices/{deviceId}/assignments", keyed("assignDevice", this::assignDevice))
        .route("POST", "/v1/org/devices/{deviceId}/revoke", keyed("revokeDevice", this::revokeDevice))
        .route("GET", "/v1/org/audit", this::listAudit)
        .route("POST", "/v1/org/signing-keys/rotate", keyed("rotateSigningKey", this::rotateSigningKey));
  }

  private java.util.function.Function<HttpRequest, HttpResponse> keyed(String name, IdempotentRoutes.Endpoint endpoint) {
    return idempotent.wrap(new IdempotentRoutes.Options(IDEMPOTENCY_PREFIX + name, OrganizerApi::caller,
        IdempotentRoutes.StoredBodies.AS_IS), endpoint);
  }

  /** The key space of an organizer: the organization and the person, refused before anything is claimed. */
  static String caller(HttpRequest r) {
    OrganizerService.Actor actor = actor(r);
    return "org:" + actor.organizationId() + ":" + actor.subject();
  }

  static OrganizerService.Actor actor(HttpRequest r) {
    String org = Organization.of(r);
    String subject = r.claim("sub").filter(s -> !s.isBlank()).orElseThrow(() -> new ApiException(
        ErrorCode.UNAUTHENTICATED, "The token names no subject."));
    LogContext.put("organizationId", org);
    return new OrganizerService.Actor(org, subject);
  }

  // ------------------------------------------------------------------ events

  HttpResponse createEvent(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    Bodies.NewEvent b = RequestBodies.read(r.body(), Bodies.NewEvent.class);
    Map<String, String> p = new LinkedHashMap<>();
    EventDetails d = new EventDetails(b.name(), b.venue(), b.timeZone(), Fields.instant(b.startsAt(), "startsAt", p),
        Fields.instant(b.endsAt(), "endsAt", p), Fields.instant(b.salesOpenAt(), "salesOpenAt", p),
        Fields.instant(b.salesCloseAt(), "salesCloseAt", p), b.currency(), b.allowReentry(), b.rotatingCodes(),
        b.printedCodesAllowed());
    Fields.done(p);
    String eventId = newId("evt_", attempt, "event");
    LogContext.put("eventId", eventId);
    OrganizerEvent event = events.createEvent(actor, eventId, d);
    return HttpResponse.json(201, eventView(event, List.of()));
  }

  HttpResponse updateEvent(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    String eventId = id(r, "eventId");
    Bodies.EventChanges b = RequestBodies.read(r.body(), Bodies.EventChanges.class);
    Map<String, String> p = new LinkedHashMap<>();
    EventDetails d = new EventDetails(b.name(), b.venue(), b.timeZone(), Fields.instant(b.startsAt(), "startsAt", p),
        Fields.instant(b.endsAt(), "endsAt", p), Fields.instant(b.salesOpenAt(), "salesOpenAt", p),
        Fields.instant(b.salesCloseAt(), "salesCloseAt", p), null, b.allowReentry(), b.rotatingCodes(),
        b.printedCodesAllowed());
    Fields.done(p);
    OrganizerEvent event = events.updateEvent(actor, eventId, d);
    return HttpResponse.ok(eventView(event, events.ticketTypes(actor, eventId)));
  }

  HttpResponse transition(HttpRequest r, EventTransition transition) {
    OrganizerService.Actor actor = actor(r);
    String eventId = id(r, "eventId");
    noBody(r);
    OrganizerEvent event = events.transition(actor, eventId, transition);
    return HttpResponse.ok(eventView(event, events.ticketTypes(actor, eventId)));
  }

  HttpResponse getEvent(HttpRequest r) {
    OrganizerService.Actor actor = actor(r);
    String eventId = id(r, "eventId");
    OrganizerEvent event = events.event(actor, eventId);
    return HttpResponse.ok(eventView(event, events.ticketTypes(actor, eventId)));
  }

  HttpResponse listEvents(HttpRequest r) {
    OrganizerService.Actor actor = actor(r);
    int limit = limit(r);
    Optional<String> cursor = cursor(r);
    Page<OrganizerEvent> page;
    try {
      page = events.events(actor, cursor, limit);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(Map.of("cursor", "unreadable"));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("events", page.items().stream().map(e -> eventView(e, null)).toList());
    page.next().ifPresent(n -> v.put("nextCursor", n));
    return HttpResponse.ok(v);
  }

  // ------------------------------------------------------------------ ticket types

  HttpResponse createTicketType(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    String eventId = id(r, "eventId");
    TicketTypeDetails d = ticketType(r);
    OrganizerTicketType type = events.addTicketType(actor, eventId, newId("typ_", attempt, "ticket-type"), d);
    return HttpResponse.json(201, typeView(type));
  }

  HttpResponse updateTicketType(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    String eventId = id(r, "eventId");
    String typeId = id(r, "ticketTypeId");
    TicketTypeDetails d = ticketType(r);
    return HttpResponse.ok(typeView(events.updateTicketType(actor, eventId, typeId, d)));
  }

  private static TicketTypeDetails ticketType(HttpRequest r) {
    Bodies.TicketType b = RequestBodies.read(r.body(), Bodies.TicketType.class);
    Map<String, String> p = new LinkedHashMap<>();
    var d = new TicketTypeDetails(b.name(), Fields.wholeLong(b.price(), "price", p),
        Fields.whole(b.capacity(), "capacity", p), Fields.whole(b.maxPerOrder(), "maxPerOrder", p),
        Fields.instant(b.salesOpenAt(), "salesOpenAt", p), Fields.instant(b.salesCloseAt(), "salesCloseAt", p));
    Fields.done(p);
    return d;
  }

  // ------------------------------------------------------------------ devices

  HttpResponse registerDevice(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    Bodies.Device b = RequestBodies.read(r.body(), Bodies.Device.class);
    DoorDevice device = devices.register(actor, newId("dev_", attempt, "device"), b.name());
    return HttpResponse.json(201, deviceView(device));
  }

  HttpResponse assignDevice(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    String deviceId = id(r, "deviceId");
    Bodies.Assignment b = RequestBodies.read(r.body(), Bodies.Assignment.class);
    if (b.eventId() == null) {
      throw ApiException.validation(Map.of("eventId", "required"));
    }
    if (!ID.matcher(b.eventId()).matches()) {
      throw ApiException.notFound("No such record.");
    }
    return HttpResponse.ok(deviceView(devices.assign(actor, deviceId, b.eventId())));
  }

  HttpResponse revokeDevice(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    String deviceId = id(r, "deviceId");
    noBody(r);
    return HttpResponse.ok(deviceView(devices.revoke(actor, deviceId)));
  }

  HttpResponse listDevices(HttpRequest r) {
    OrganizerService.Actor actor = actor(r);
    return HttpResponse.ok(Map.of("devices", devices.list(actor).stream().map(OrganizerApi::deviceView).toList()));
  }

  // ------------------------------------------------------------------ signing keys

  HttpResponse rotateSigningKey(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    OrganizerService.Actor actor = actor(r);
    Bodies.KeyRotation b = RequestBodies.read(r.body(), Bodies.KeyRotation.class);
    Map<String, String> p = new LinkedHashMap<>();
    var validUntil = Fields.instant(b.oldKeyValidUntil(), "oldKeyValidUntil", p);
    Optional<String> expected = Optional.ofNullable(b.expectedActiveKeyId());
    if (expected.isPresent() && !KEY_ID.matcher(expected.get()).matches()) {
      p.put("expectedActiveKeyId", "must be a key id such as k1");
    }
    Fields.done(p);
    SigningKeyService keys = signingKeys.orElseThrow(() -> new ApiException(ErrorCode.CONFIGURATION_ERROR,
        "Signing keys are not kept in a secret here; nothing was done."));
    SigningKeyService.Rotated rotated = keys.rotate(actor, validUntil, expected);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("activeKeyId", rotated.activeKeyId());
    v.put("retiredKeyId", rotated.retiredKeyId());
    v.put("retiredKeyValidUntil", rotated.retiredKeyValidUntil());
    return HttpResponse.ok(v);
  }

  // ------------------------------------------------------------------ audit

  HttpResponse listAudit(HttpRequest r) {
    OrganizerService.Actor actor = actor(r);
    int limit = limit(r);
    Optional<String> cursor = cursor(r);
    AuditPage page;
    try {
      page = audit.list(actor.organizationId(), cursor, limit);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(Map.of("cursor", "unreadable"));
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (AuditEntry e : page.entries()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("at", e.at());
      v.put("actor", e.actor());
      v.put("action", e.action());
      v.put("targetType", e.targetType());
      v.put("targetId", e.targetId());
      v.put("before", tree(e.before()));
      v.put("after", tree(e.after()));
      entries.add(v);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("entries", entries);
    page.next().ifPresent(n -> v.put("nextCursor", n));
    return HttpResponse.ok(v);
  }

  private static JsonNode tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      return Json.mapper().getNodeFactory().textNode(json);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A path id; one that could never exist is as absent as one that does not. */
  private static String id(HttpRequest r, String name) {
    String value = r.pathParam(name);
    if (value == null || !ID.matcher(value).matches()) {
      throw ApiException.notFound("No such record.");
    }
    LogContext.put(name, value);
    return value;
  }

  /** Status routes take no body; an empty object is accepted, anything else is refused. */
  private static void noBody(HttpRequest r) {
    if (r.body().length == 0) {
      return;
    }
    RequestBodies.read(r.body(), NoFields.class);
  }

  record NoFields() {}

  private static int limit(HttpRequest r) {
    String raw = r.query().get("limit");
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.validation(Map.of("limit", "must be a whole number from 1 to " + MAX_PAGE));
  }

  private static Optional<String> cursor(HttpRequest r) {
    String raw = r.query().get("cursor");
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    if (raw.length() > 512) {
      throw ApiException.validation(Map.of("cursor", "unreadable"));
    }
    return Optional.of(raw);
  }

  /**
   * An id derived from the attempt: the same for every attempt of one keyed request. 11 Crockford
   * base32 characters (55 random bits) after a 4-character prefix: 15 bytes, short enough for an
   * event id inside a rotating ticket code (SignedTicketCodes.MAX_ROTATING_EVENT_ID_BYTES).
   */
  private static String newId(String prefix, IdempotentRoutes.Attempt attempt, String kind) {
    byte[] digest = java.util.HexFormat.of().parseHex(Sha256.hex(kind + "\n" + Sha256.hex(attempt.seed())));
    return prefix + CrockfordBase32.encode(digest, 11).toLowerCase(java.util.Locale.ROOT);
  }

  static Map<String, Object> eventView(OrganizerEvent e, List<OrganizerTicketType> types) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("eventId", e.eventId());
    v.put("status", e.status().name());
    v.put("name", e.name());
    put(v, "venue", e.venue());
    v.put("timeZone", e.timeZone());
    v.put("startsAt", e.startsAt());
    v.put("endsAt", e.endsAt());
    put(v, "salesOpenAt", e.salesOpenAt());
    put(v, "salesCloseAt", e.salesCloseAt());
    v.put("currency", e.currency());
    v.put("allowReentry", e.allowReentry());
    v.put("rotatingCodes", e.rotatingCodes());
    v.put("printedCodesAllowed", e.printedCodesAllowed());
    v.put("createdAt", e.createdAt());
    v.put("updatedAt", e.updatedAt());
    if (types != null) {
      v.put("ticketTypes", types.stream().map(OrganizerApi::typeView).toList());
    }
    return v;
  }

  static Map<String, Object> typeView(OrganizerTicketType t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("ticketTypeId", t.ticketTypeId());
    v.put("name", t.name());
    v.put("price", t.price());
    v.put("currency", t.currency());
    v.put("capacity", t.capacity());
    v.put("sold", t.sold());
    v.put("held", t.held());
    v.put("available", t.available());
    v.put("maxPerOrder", t.maxPerOrder());
    put(v, "salesOpenAt", t.salesOpenAt());
    put(v, "salesCloseAt", t.salesCloseAt());
    return v;
  }

  static Map<String, Object> deviceView(DoorDevice d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("deviceId", d.deviceId());
    v.put("name", d.name());
    v.put("createdAt", d.createdAt());
    v.put("eventIds", d.eventIds());
    v.put("revoked", d.revoked());
    put(v, "revokedAt", d.revokedAt());
    put(v, "lastScanAt", d.lastScanAt());
    return v;
  }

  private static void put(Map<String, Object> v, String name, Object value) {
    if (value != null) {
      v.put(name, value);
    }
  }

}
