package com.boxoffice.shared.domain.orgorders;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.order.Sha256;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.port.out.AuditLog;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.EventOwners;
import com.boxoffice.shared.port.out.OrderPayments.FulfilledOrder;
import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.port.out.Refunds;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import com.boxoffice.shared.port.out.TicketCodeSettings;
import com.boxoffice.shared.port.out.TicketCodes;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an organizer does with the orders and tickets of the events their organization owns: find
 * orders, revoke a ticket, change its holder's name, reissue its code, send the confirmation again.
 * Every call first checks through {@link EventOwners} that the organization owns the event the
 * order or ticket belongs to; anything else is {@link OrderDeskRefusal.NotFound}, exactly as for
 * an id that does not exist, and changes nothing. Every change is one conditional write and one
 * {@link AuditEntry} with the state before and after (never a code or an email address).
 */
public final class OrderDesk {
  private static final Logger LOG = LoggerFactory.getLogger(OrderDesk.class);

  /** The most orders one page of a search returns. */
  public static final int MAX_PAGE = 100;

  private final EventOwners owners;
  private final OrderStore orders;
  private final OrganizerOrders store;
  private final AuditLog audit;
  private final EmailOutbox outbox;
  private final TicketCodes codes;
  private final Refunds refunds;
  private final Clock clock;
  private final TicketCodeSettings codeSettings;

  public OrderDesk(EventOwners owners, OrderStore orders, OrganizerOrders store, AuditLog audit, EmailOutbox outbox,
      TicketCodes codes, Refunds refunds, Clock clock) {
    this(owners, orders, store, audit, outbox, codes, refunds, clock, TicketCodeSettings.STATIC_ONLY);
  }

  /** With the events' code display rules, so a resent confirmation shows codes as the first one did. */
  public OrderDesk(EventOwners owners, OrderStore orders, OrganizerOrders store, AuditLog audit, EmailOutbox outbox,
      TicketCodes codes, Refunds refunds, Clock clock, TicketCodeSettings codeSettings) {
    this.codeSettings = codeSettings;
    this.owners = owners;
    this.orders = orders;
    this.store = store;
    this.audit = audit;
    this.outbox = outbox;
    this.codes = codes;
    this.refunds = refunds;
    this.clock = clock;
  }

  /** An order with its tickets as they are now. */
  public record OrderDetail(Order order, List<Ticket> tickets) {
    public OrderDetail {
      tickets = List.copyOf(tickets);
    }
  }

  /** The organization owns the event, or the thing asked for does not exist for it. */
  public void requireEvent(Organizer who, String eventId, String what) {
    if (!owners.owns(who.organizationId(), eventId)) {
      throw new OrderDeskRefusal.NotFound(what);
    }
  }

  /** The event's orders, optionally those placed with {@code email}; a bad cursor is an {@link IllegalArgumentException}. */
  public OrganizerOrders.OrderPage orders(Organizer who, String eventId, Optional<String> email,
      Optional<String> cursor, int limit) {
    requireEvent(who, eventId, "event");
    return store.ordersOfEvent(eventId, email.map(String::strip), cursor, Math.max(1, Math.min(MAX_PAGE, limit)));
  }

  public OrderDetail order(Organizer who, String orderId) {
    Order order = ownedOrder(who, orderId);
    return new OrderDetail(order, order.status().wasPaid() ? orders.tickets(order) : List.of());
  }

  /** Revokes a valid ticket; revoking one already revoked changes nothing and answers it as it is. */
  public Ticket revoke(Organizer who, String ticketId, Optional<String> reason) {
    Ticket before = ownedTicket(who, ticketId);
    if (before.status() == TicketStatus.REVOKED) {
      return before;
    }
    if (before.status() != TicketStatus.VALID) {
      throw new OrderDeskRefusal.TicketNotValid();
    }
    Instant at = clock.instant();
    if (!store.revoke(ticketId, at)) {
      Ticket now = store.ticket(ticketId).orElseThrow(() -> new OrderDeskRefusal.NotFound("ticket"));
      if (now.status() == TicketStatus.REVOKED) {
        return now;
      }
      throw new OrderDeskRefusal.TicketNotValid();
    }
    Ticket after = withStatus(before, TicketStatus.REVOKED);
    Map<String, Object> afterView = ticketAudit(after);
    reason.ifPresent(r -> afterView.put("reason", r));
    record(who, OrderDeskAction.TICKET_REVOKED, "ticket", ticketId, at, ticketAudit(before), afterView);
    LOG.info("ticket revoked ticketId={} eventId={}", ticketId, before.eventId());
    return after;
  }

  /** Changes the name on a ticket; the same name again changes nothing. */
  public Ticket changeHolder(Organizer who, String ticketId, String holderName) {
    Ticket before = ownedTicket(who, ticketId);
    if (holderName.equals(before.holderName())) {
      return before;
    }
    Instant at = clock.instant();
    if (!store.changeHolder(ticketId, holderName, at)) {
      throw new OrderDeskRefusal.NotFound("ticket");
    }
    Ticket after = new Ticket(before.ticketId(), before.eventId(), before.orderId(), before.seq(),
        before.ticketTypeId(), before.ticketTypeName(), holderName, before.status(), before.issuedAt(),
        before.validFrom(), before.validUntil(), before.codeVersion());
    record(who, OrderDeskAction.TICKET_HOLDER_CHANGED, "ticket", ticketId, at, ticketAudit(before), ticketAudit(after));
    LOG.info("ticket holder changed ticketId={} eventId={}", ticketId, before.eventId());
    return after;
  }

  /**
   * Gives a valid ticket a new code: the code version moves on, so the codes shown so far (QR and
   * fallback) are refused at the door as {@code code_reissued} and only the new ones admit.
   */
  public Ticket reissueCode(Organizer who, String ticketId) {
    Ticket before = ownedTicket(who, ticketId);
    if (before.status() != TicketStatus.VALID) {
      throw new OrderDeskRefusal.TicketNotValid();
    }
    if (before.codeVersion() >= Ticket.MAX_CODE_VERSION) {
      throw new OrderDeskRefusal.CodeNotReissuable("it was reissued " + Ticket.MAX_CODE_VERSION + " times");
    }
    Ticket after = before.withCodeVersion(before.codeVersion() + 1);
    String fallback;
    try {
      codes.codeFor(after);
      fallback = codes.fallbackCodeFor(after);
    } catch (IllegalArgumentException e) {
      throw new OrderDeskRefusal.CodeNotReissuable("the event id is too long for a reissued code");
    }
    Instant at = clock.instant();
    if (!store.reissueCode(before, fallback, at)) {
      throw new OrderDeskRefusal.TicketNotValid();
    }
    record(who, OrderDeskAction.TICKET_CODE_REISSUED, "ticket", ticketId, at, ticketAudit(before), ticketAudit(after));
    LOG.info("ticket code reissued ticketId={} eventId={} codeVersion={}", ticketId, before.eventId(),
        after.codeVersion());
    return after;
  }

  /**
   * Queues the order's confirmation email again, with the tickets that admit now and their current
   * codes. {@code requestSeed} is the same for every retry of one request (its Idempotency-Key), so
   * the job id derived from it makes a retried request queue nothing new while every new request
   * gets its own job id, which the email path's per-job dedup does not swallow. Returns the job id.
   */
  public String resendConfirmation(Organizer who, String orderId, byte[] requestSeed) {
    Order order = ownedOrder(who, orderId);
    if (!(order.status() == OrderStatus.PAID || order.status() == OrderStatus.PARTIALLY_REFUNDED)) {
      throw new OrderDeskRefusal.OrderNotPaid();
    }
    List<Ticket> admitting = orders.tickets(order).stream().filter(Ticket::admits).toList();
    if (admitting.isEmpty()) {
      throw new OrderDeskRefusal.OrderNotPaid();
    }
    String jobId = resendJobId(orderId, requestSeed);
    EmailJob job = StripeEventProcessor.confirmationEmail(new FulfilledOrder(order.orderId(), order.eventId(),
        order.eventName(), order.email(), order.name(), order.amountTotal(), order.currency(), admitting), codes, jobId,
        codeSettings.rulesFor(order.eventId()).showsStaticCode());
    outbox.enqueue(job);
    Instant at = clock.instant();
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("jobId", jobId);
    after.put("tickets", admitting.size());
    record(who, OrderDeskAction.CONFIRMATION_RESENT, "order", orderId, at, null, after);
    LOG.info("confirmation queued again orderId={} jobId={}", orderId, jobId);
    return jobId;
  }

  /** {@code order-confirmation:<orderId>:resend:<first 16 hex of SHA-256 of the request seed>}. */
  public static String resendJobId(String orderId, byte[] requestSeed) {
    return StripeEventProcessor.confirmationJobId(orderId) + ":resend:" + Sha256.hex(requestSeed).substring(0, 16);
  }

  /** What a refund request did. {@code amount} null: whatever was left of the payment. */
  public record RefundResult(String orderId, String refundId, List<String> ticketIds, Long amount, boolean restocked) {
    public RefundResult {
      ticketIds = List.copyOf(ticketIds);
    }
  }

  /**
   * Refunds the named tickets of a paid order, or every ticket that still admits when none are
   * named, through the payment provider. The refund names its tickets in its metadata, so the
   * provider's {@code charge.refunded} event makes the webhook revoke exactly those; its
   * idempotency key comes from the order and ticket ids, so the same request never refunds twice.
   * With {@code restock} the seats go back on sale, once per refund key.
   */
  public RefundResult refund(Organizer who, String orderId, Optional<List<String>> ticketIds, boolean restock) {
    Order order = ownedOrder(who, orderId);
    if (!(order.status() == OrderStatus.PAID || order.status() == OrderStatus.PARTIALLY_REFUNDED)
        || order.paymentIntentId() == null) {
      throw new OrderDeskRefusal.NotRefundable("Only a paid order can be refunded.");
    }
    List<Ticket> tickets = orders.tickets(order);
    List<Ticket> chosen = new ArrayList<>();
    if (ticketIds.isPresent()) {
      Map<String, Ticket> byId = new HashMap<>();
      tickets.forEach(t -> byId.put(t.ticketId(), t));
      for (String id : new LinkedHashSet<>(ticketIds.get())) {
        Ticket t = byId.get(id);
        if (t == null || !t.admits()) {
          throw new OrderDeskRefusal.NotRefundable("Ticket " + id + " is not a valid ticket of this order.");
        }
        chosen.add(t);
      }
    } else {
      tickets.stream().filter(Ticket::admits).forEach(chosen::add);
    }
    if (chosen.isEmpty()) {
      throw new OrderDeskRefusal.NotRefundable("No ticket of this order is left to refund.");
    }
    List<String> ids = chosen.stream().map(Ticket::ticketId).sorted().toList();
    boolean whole = chosen.size() == order.ticketCount() && order.amountRefunded() == 0;
    Long amount = whole ? null : chosen.stream().mapToLong(t -> unitPrice(order, t)).sum();
    String key = refundKey(orderId, ids);
    String refundId = refundAtProvider(new Refunds.RefundRequest(order.paymentIntentId(), amount, key, ids,
        Map.of("orderId", orderId, "reason", "organizer")));
    Instant at = clock.instant();
    boolean restocked = false;
    if (restock) {
      Map<String, Integer> seats = new TreeMap<>();
      chosen.forEach(t -> seats.merge(t.ticketTypeId(), 1, Integer::sum));
      restocked = store.restock(order.eventId(), key, seats, at);
    }
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("refundId", refundId);
    after.put("tickets", String.join(",", ids));
    after.put("amount", amount == null ? order.amountTotal() : amount);
    after.put("restock", restock);
    record(who, OrderDeskAction.REFUND_REQUESTED, "order", orderId, at, null, after);
    LOG.info("refund requested orderId={} refundId={} tickets={} restock={}", orderId, refundId, ids.size(), restock);
    return new RefundResult(orderId, refundId, ids, amount, restocked);
  }

  /** {@code org-refund:<orderId>:<first 24 hex of SHA-256 of the sorted ticket ids>}. */
  public static String refundKey(String orderId, List<String> sortedTicketIds) {
    return "org-refund:" + orderId + ":" + Sha256.hex(String.join(",", sortedTicketIds)).substring(0, 24);
  }

  private String refundAtProvider(Refunds.RefundRequest request) {
    try {
      return refunds.refund(request);
    } catch (PaymentProviderException e) {
      throw new OrderDeskRefusal.ProviderFailed(e.retryable());
    }
  }

  private static long unitPrice(Order order, Ticket t) {
    return order.lines().stream().filter(l -> l.ticketTypeId().equals(t.ticketTypeId())).findFirst()
        .map(OrderLine::unitPrice).orElseThrow(() -> new IllegalStateException("ticket type not in its order"));
  }

  /** The most tickets one page of the attendee list holds. */
  public static final int MAX_ATTENDEE_PAGE = 1000;

  /** One page of the event's attendees with their door state. */
  public OrganizerOrders.TicketPage attendees(Organizer who, String eventId, Optional<String> cursor, int limit) {
    requireEvent(who, eventId, "event");
    return store.ticketsOfEvent(eventId, cursor, Math.max(1, Math.min(MAX_ATTENDEE_PAGE, limit)));
  }

  /** The door right now: tickets that admit, holders inside, tickets admitted at least once. */
  public record DoorCount(String eventId, int validTickets, int inside, int admitted) {}

  /** Counts the event's tickets page by page from the ticket items, which the door writes. */
  public DoorCount doorCount(Organizer who, String eventId) {
    requireEvent(who, eventId, "event");
    int valid = 0;
    int inside = 0;
    int admitted = 0;
    Optional<String> cursor = Optional.empty();
    do {
      var page = store.ticketsOfEvent(eventId, cursor, MAX_ATTENDEE_PAGE);
      for (var a : page.attendees()) {
        valid += a.ticket().admits() ? 1 : 0;
        inside += a.inside() ? 1 : 0;
        admitted += a.firstAdmittedAt() != null ? 1 : 0;
      }
      cursor = page.next();
    } while (cursor.isPresent());
    return new DoorCount(eventId, valid, inside, admitted);
  }

  // ------------------------------------------------------------------ shared checks

  /** The order, if the organization owns its event. */
  public Order ownedOrder(Organizer who, String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderDeskRefusal.NotFound("order"));
    requireEvent(who, order.eventId(), "order");
    return order;
  }

  /** The ticket, if the organization owns its event. */
  public Ticket ownedTicket(Organizer who, String ticketId) {
    Ticket ticket = store.ticket(ticketId).orElseThrow(() -> new OrderDeskRefusal.NotFound("ticket"));
    requireEvent(who, ticket.eventId(), "ticket");
    return ticket;
  }

  private void record(Organizer who, OrderDeskAction action, String targetType, String targetId, Instant at,
      Map<String, ?> before, Map<String, ?> after) {
    audit.record(AuditEntry.of(who.organizationId(), who.actor(), action, targetType, targetId, at,
        before == null ? null : AuditJson.of(before), after == null ? null : AuditJson.of(after)));
  }

  static Map<String, Object> ticketAudit(Ticket t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("ticketId", t.ticketId());
    v.put("orderId", t.orderId());
    v.put("eventId", t.eventId());
    v.put("status", t.status().name().toLowerCase(Locale.ROOT));
    v.put("holderName", t.holderName());
    v.put("codeVersion", t.codeVersion());
    return v;
  }

  static Ticket withStatus(Ticket t, TicketStatus status) {
    return new Ticket(t.ticketId(), t.eventId(), t.orderId(), t.seq(), t.ticketTypeId(), t.ticketTypeName(),
        t.holderName(), status, t.issuedAt(), t.validFrom(), t.validUntil(), t.codeVersion());
  }
}
