package com.boxoffice.orgorders;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.orgorders.EventCancellation;
import com.boxoffice.shared.domain.orgorders.OrderDesk;
import com.boxoffice.shared.domain.orgorders.Organizer;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.IdempotentRoutes;
import com.boxoffice.shared.http.Organization;
import com.boxoffice.shared.http.RequestBodies;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.port.out.OrganizerOrders;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The organizer-orders routes: reads the organization from the token ({@link Organization}),
 * checks what arrives over HTTP, opts every state-changing route into the {@code Idempotency-Key}
 * contract, calls {@link OrderDesk} and renders what it answers. Ids that are not well formed get
 * the same 404 as ids of another organization's records. Built by {@link OrganizerOrdersWiring}.
 */
public final class OrganizerOrdersApi {
  static final Duration IN_PROGRESS_FOR = Duration.ofSeconds(60);
  static final String SCOPE_PREFIX = "orgorders.";
  static final int MAX_NAME = 100;
  static final int MAX_REASON = 500;
  static final int MAX_EMAIL = 254;
  static final int MAX_CURSOR = 600;
  static final int DEFAULT_PAGE = 50;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  private static final Set<String> ORDER_SEARCH_PARAMS = Set.of("email", "cursor", "limit");

  private final OrderDesk desk;
  private final EventCancellation cancellations;
  private final IdempotentRoutes idempotent;

  public OrganizerOrdersApi(OrderDesk desk, EventCancellation cancellations, IdempotencyStore idempotency,
      Clock clock) {
    this.desk = desk;
    this.cancellations = cancellations;
    this.idempotent = new IdempotentRoutes(idempotency, clock, IN_PROGRESS_FOR);
  }

  public Router router() {
    return new Router()
        .route("GET", "/v1/org/events/{eventId}/orders", this::searchOrders)
        .route("GET", "/v1/org/orders/{orderId}", this::order)
        .route("POST", "/v1/org/orders/{orderId}/resend-confirmation",
            keyed("resendConfirmation", this::resendConfirmation))
        .route("POST", "/v1/org/tickets/{ticketId}/revoke", keyed("revokeTicket", (r, a) -> revoke(r)))
        .route("PUT", "/v1/org/tickets/{ticketId}/holder", keyed("changeHolder", (r, a) -> changeHolder(r)))
        .route("POST", "/v1/org/tickets/{ticketId}/reissue-code", keyed("reissueCode", (r, a) -> reissue(r)))
        .route("POST", "/v1/org/orders/{orderId}/refunds", keyed("refundOrder", (r, a) -> refund(r)))
        .route("POST", "/v1/org/events/{eventId}/cancel", keyed("cancelEvent", (r, a) -> cancel(r)))
        .route("GET", "/v1/org/events/{eventId}/cancellation", this::cancellation)
        .route("GET", "/v1/org/events/{eventId}/attendees.csv", this::attendees)
        .route("GET", "/v1/org/events/{eventId}/door", this::door);
  }

  private Function<HttpRequest, HttpResponse> keyed(String name, IdempotentRoutes.Endpoint endpoint) {
    return idempotent.wrap(new IdempotentRoutes.Options(SCOPE_PREFIX + name, OrganizerOrdersApi::caller,
        IdempotentRoutes.StoredBodies.AS_IS), endpoint);
  }

  /** A key space per organization and person: nobody else's key can replay this caller's answers. */
  static String caller(HttpRequest r) {
    return "org:" + Organization.of(r) + ":" + subject(r);
  }

  static Organizer organizer(HttpRequest r) {
    return new Organizer(Organization.of(r), subject(r));
  }

  private static String subject(HttpRequest r) {
    return r.claim("sub").filter(s -> !s.isBlank())
        .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHENTICATED, "This token names nobody."));
  }

  /** A path id; one that cannot be an id is answered like one that does not exist. */
  static String id(HttpRequest r, String name, String what) {
    String value = r.pathParam(name);
    if (!ID.matcher(value).matches()) {
      throw ApiException.notFound("No such " + what + ".");
    }
    LogContext.put(name, value);
    return value;
  }

  // ------------------------------------------------------------------ reads

  HttpResponse searchOrders(HttpRequest r) {
    Organizer who = organizer(r);
    String eventId = id(r, "eventId", "event");
    Map<String, String> problems = new LinkedHashMap<>();
    for (String param : r.query().keySet()) {
      if (!ORDER_SEARCH_PARAMS.contains(param)) {
        throw ApiException.badRequest(ErrorCode.UNKNOWN_FIELD, "The request has a parameter this route does not accept.",
            Map.of(param, "unknown parameter"));
      }
    }
    Optional<String> email = Optional.ofNullable(r.query().get("email"));
    if (email.isPresent() && !plausibleEmail(email.get())) {
      problems.put("email", "must be an email address of at most " + MAX_EMAIL + " characters");
    }
    Optional<String> cursor = cursor(r, problems);
    int limit = limit(r, problems);
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    OrganizerOrders.OrderPage page;
    try {
      page = desk.orders(who, eventId, email, cursor, limit);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(Map.of("cursor", "not a cursor this route gave out"));
    }
    List<Map<String, Object>> orders = new ArrayList<>();
    page.orders().forEach(o -> orders.add(summary(o)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orders", orders);
    body.put("nextCursor", page.next().orElse(null));
    return HttpResponse.ok(body);
  }

  static Optional<String> cursor(HttpRequest r, Map<String, String> problems) {
    Optional<String> cursor = Optional.ofNullable(r.query().get("cursor"));
    if (cursor.isPresent() && (cursor.get().isEmpty() || cursor.get().length() > MAX_CURSOR)) {
      problems.put("cursor", "not a cursor this route gave out");
    }
    return cursor;
  }

  static int limit(HttpRequest r, Map<String, String> problems) {
    String raw = r.query().get("limit");
    if (raw == null) {
      return DEFAULT_PAGE;
    }
    if (!raw.matches("[0-9]{1,3}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > OrderDesk.MAX_PAGE) {
      problems.put("limit", "must be a whole number from 1 to " + OrderDesk.MAX_PAGE);
      return DEFAULT_PAGE;
    }
    return Integer.parseInt(raw);
  }

  private static boolean plausibleEmail(String email) {
    int at = email.indexOf('@');
    return email.length() <= MAX_EMAIL && at > 0 && at < email.length() - 1 && email.indexOf('@', at + 1) < 0
        && email.chars().noneMatch(c -> c <= 0x20 || c == 0x7f);
  }

  HttpResponse order(HttpRequest r) {
    Organizer who = organizer(r);
    String orderId = id(r, "orderId", "order");
    OrderDesk.OrderDetail detail = desk.order(who, orderId);
    Map<String, Object> v = summary(detail.order());
    List<Map<String, Object>> items = new ArrayList<>();
    for (OrderLine l : detail.order().lines()) {
      items.add(Map.of("ticketTypeId", l.ticketTypeId(), "name", l.name(), "quantity", l.quantity(),
          "unitPrice", l.unitPrice()));
    }
    v.put("items", items);
    List<Map<String, Object>> tickets = new ArrayList<>();
    detail.tickets().forEach(t -> tickets.add(ticket(t)));
    v.put("tickets", tickets);
    return HttpResponse.ok(v);
  }

  static Map<String, Object> summary(Order o) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("orderId", o.orderId());
    v.put("eventId", o.eventId());
    v.put("status", o.status().wire());
    v.put("email", o.email());
    v.put("name", o.name());
    v.put("ticketCount", o.ticketCount());
    v.put("amountTotal", o.amountTotal());
    v.put("currency", o.currency());
    v.put("createdAt", o.createdAt());
    v.put("paidAt", o.paidAt());
    v.put("amountRefunded", o.amountRefunded());
    return v;
  }

  static Map<String, Object> ticket(Ticket t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("ticketId", t.ticketId());
    v.put("orderId", t.orderId());
    v.put("eventId", t.eventId());
    v.put("seq", t.seq());
    v.put("ticketTypeId", t.ticketTypeId());
    v.put("ticketTypeName", t.ticketTypeName());
    v.put("holderName", t.holderName());
    v.put("status", t.status().name().toLowerCase(Locale.ROOT));
    v.put("codeVersion", t.codeVersion());
    v.put("validFrom", t.validFrom());
    v.put("validUntil", t.validUntil());
    return v;
  }

  // ------------------------------------------------------------------ changes

  HttpResponse revoke(HttpRequest r) {
    Organizer who = organizer(r);
    String ticketId = id(r, "ticketId", "ticket");
    Bodies.Revoke body = r.body().length == 0 ? new Bodies.Revoke(null) : RequestBodies.read(r.body(), Bodies.Revoke.class);
    Optional<String> reason = optionalText(body.reason(), "reason", MAX_REASON);
    return HttpResponse.ok(ticket(desk.revoke(who, ticketId, reason)));
  }

  HttpResponse changeHolder(HttpRequest r) {
    Organizer who = organizer(r);
    String ticketId = id(r, "ticketId", "ticket");
    Bodies.Holder body = RequestBodies.read(r.body(), Bodies.Holder.class);
    String name = optionalText(body.holderName(), "holderName", MAX_NAME)
        .orElseThrow(() -> ApiException.validation(Map.of("holderName", "required")));
    return HttpResponse.ok(ticket(desk.changeHolder(who, ticketId, name)));
  }

  HttpResponse reissue(HttpRequest r) {
    Organizer who = organizer(r);
    String ticketId = id(r, "ticketId", "ticket");
    requireNoBody(r);
    return HttpResponse.ok(ticket(desk.reissueCode(who, ticketId)));
  }

  HttpResponse resendConfirmation(HttpRequest r, IdempotentRoutes.Attempt attempt) {
    Organizer who = organizer(r);
    String orderId = id(r, "orderId", "order");
    requireNoBody(r);
    String jobId = desk.resendConfirmation(who, orderId, attempt.seed());
    return HttpResponse.json(202, Map.of("orderId", orderId, "jobId", jobId));
  }

  /** The most tickets one refund request may name. */
  static final int MAX_REFUND_TICKETS = 100;

  HttpResponse refund(HttpRequest r) {
    Organizer who = organizer(r);
    String orderId = id(r, "orderId", "order");
    Bodies.Refund body = r.body().length == 0 ? new Bodies.Refund(null, null)
        : RequestBodies.read(r.body(), Bodies.Refund.class);
    Map<String, String> problems = new LinkedHashMap<>();
    if (body.ticketIds() != null) {
      if (body.ticketIds().isEmpty() || body.ticketIds().size() > MAX_REFUND_TICKETS) {
        problems.put("ticketIds", "1 to " + MAX_REFUND_TICKETS + " ticket ids, or leave it out for the whole order");
      }
      for (int i = 0; i < body.ticketIds().size(); i++) {
        String t = body.ticketIds().get(i);
        if (t == null || !ID.matcher(t).matches()) {
          problems.put("ticketIds[" + i + "]", "not a ticket id");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    var result = desk.refund(who, orderId, Optional.ofNullable(body.ticketIds()), Boolean.TRUE.equals(body.restock()));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("orderId", result.orderId());
    v.put("refundId", result.refundId());
    v.put("ticketIds", result.ticketIds());
    v.put("amount", result.amount());
    v.put("restocked", result.restocked());
    return HttpResponse.json(202, v);
  }

  // ------------------------------------------------------------------ cancelling an event

  HttpResponse cancel(HttpRequest r) {
    Organizer who = organizer(r);
    String eventId = id(r, "eventId", "event");
    Bodies.Cancel body = r.body().length == 0 ? new Bodies.Cancel(null) : RequestBodies.read(r.body(), Bodies.Cancel.class);
    Optional<String> reason = optionalText(body.reason(), "reason", MAX_REASON);
    var record = cancellations.cancel(who, eventId, reason);
    return HttpResponse.json(record.done() ? 200 : 202, cancellationView(record));
  }

  HttpResponse cancellation(HttpRequest r) {
    Organizer who = organizer(r);
    String eventId = id(r, "eventId", "event");
    return HttpResponse.ok(cancellationView(cancellations.progress(who, eventId)));
  }

  static Map<String, Object> cancellationView(OrganizerOrders.Cancellation c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("eventId", c.eventId());
    v.put("status", c.done() ? "done" : "running");
    v.put("ordersRefunded", c.ordersRefunded());
    v.put("ticketsRevoked", c.ticketsRevoked());
    v.put("mailsQueued", c.mailsQueued());
    v.put("reason", c.reason());
    v.put("startedAt", c.startedAt());
    v.put("updatedAt", c.updatedAt());
    v.put("finishedAt", c.finishedAt());
    return v;
  }

  // ------------------------------------------------------------------ attendees and the door

  static final String CSV_HEADER = "ticketId,orderId,ticketType,holderName,status,checkedIn,inside,firstAdmittedAt";

  HttpResponse attendees(HttpRequest r) {
    Organizer who = organizer(r);
    String eventId = id(r, "eventId", "event");
    Map<String, String> problems = new LinkedHashMap<>();
    for (String param : r.query().keySet()) {
      if (!Set.of("cursor", "limit").contains(param)) {
        throw ApiException.badRequest(ErrorCode.UNKNOWN_FIELD, "The request has a parameter this route does not accept.",
            Map.of(param, "unknown parameter"));
      }
    }
    Optional<String> cursor = cursor(r, problems);
    int limit = DEFAULT_ATTENDEE_PAGE;
    String raw = r.query().get("limit");
    if (raw != null) {
      if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > OrderDesk.MAX_ATTENDEE_PAGE) {
        problems.put("limit", "must be a whole number from 1 to " + OrderDesk.MAX_ATTENDEE_PAGE);
      } else {
        limit = Integer.parseInt(raw);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(problems);
    }
    OrganizerOrders.TicketPage page;
    try {
      page = desk.attendees(who, eventId, cursor, limit);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(Map.of("cursor", "not a cursor this route gave out"));
    }
    StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
    for (var a : page.attendees()) {
      Ticket t = a.ticket();
      csv.append(String.join(",", Csv.field(t.ticketId()), Csv.field(t.orderId()), Csv.field(t.ticketTypeName()),
          Csv.field(t.holderName()), Csv.field(t.status().name().toLowerCase(Locale.ROOT)),
          a.firstAdmittedAt() != null ? "yes" : "no", a.inside() ? "yes" : "no",
          Csv.field(a.firstAdmittedAt() == null ? null : a.firstAdmittedAt().toString()))).append("\r\n");
    }
    HttpResponse response = new HttpResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8",
        "Content-Disposition", "attachment; filename=\"attendees-" + eventId + ".csv\"", "Cache-Control", "no-store"),
        csv.toString());
    return page.next().map(next -> response.withHeader("X-Next-Cursor", next)).orElse(response);
  }

  static final int DEFAULT_ATTENDEE_PAGE = 500;

  HttpResponse door(HttpRequest r) {
    Organizer who = organizer(r);
    String eventId = id(r, "eventId", "event");
    var count = desk.doorCount(who, eventId);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("eventId", count.eventId());
    v.put("inside", count.inside());
    v.put("admitted", count.admitted());
    v.put("validTickets", count.validTickets());
    return HttpResponse.ok(v).withHeader("Cache-Control", "no-store");
  }

  /** A route that takes no body accepts none, or an empty JSON object. */
  static void requireNoBody(HttpRequest r) {
    if (r.body().length > 0) {
      RequestBodies.read(r.body(), NoFields.class);
    }
  }

  /** A body with no fields at all: any field is unknown. */
  record NoFields() {}

  /** Trimmed text of 1 to {@code max} characters without control characters; empty when absent. */
  static Optional<String> optionalText(String value, String field, int max) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.isEmpty() || v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.validation(Map.of(field, "1 to " + max + " characters, no control characters"));
    }
    return Optional.of(v);
  }
}
