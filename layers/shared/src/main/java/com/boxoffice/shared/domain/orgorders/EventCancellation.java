package com.boxoffice.shared.domain.orgorders;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.OrderFlag;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.port.out.AuditLog;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.EventOwners;
import com.boxoffice.shared.port.out.OrderStore;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.port.out.OrganizerOrders.Cancellation;
import com.boxoffice.shared.port.out.PushOutbox;
import com.boxoffice.shared.port.out.Refunds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels an event: marks it CANCELLED (checkout sells no more), then works through its orders a
 * page at a time, and for every paid order refunds what is left of the payment (idempotency key
 * {@code org-cancel:<orderId>}), revokes its valid tickets as CANCELLED and queues one notice
 * (job id {@code event-cancelled:<orderId>}) and, for a signed-in buyer, one push
 * ({@link PushNotification#eventCancelled}, one id per buyer and event), then records the order as
 * done together with the counts. The cursor is persisted after every page, so a run that dies
 * resumes where it stopped when the route is called again: orders already recorded are skipped,
 * and an order caught half way is done again with the same refund key, job id and notification
 * id, which Stripe, the email path and the push delivery each take once. One call works for at
 * most {@code budget} and then answers with the progress.
 */
public final class EventCancellation {
  private static final Logger LOG = LoggerFactory.getLogger(EventCancellation.class);
  /** Orders read per page. */
  public static final int PAGE = 25;

  private final EventOwners owners;
  private final OrderStore orders;
  private final OrganizerOrders store;
  private final Refunds refunds;
  private final EmailOutbox outbox;
  private final PushOutbox pushes;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration budget;

  public EventCancellation(EventOwners owners, OrderStore orders, OrganizerOrders store, Refunds refunds,
      EmailOutbox outbox, AuditLog audit, Clock clock, Duration budget) {
    this(owners, orders, store, refunds, outbox, PushOutbox.NONE, audit, clock, budget);
  }

  /** Telling each signed-in buyer's devices, through {@code pushes}, that the event is cancelled. */
  public EventCancellation(EventOwners owners, OrderStore orders, OrganizerOrders store, Refunds refunds,
      EmailOutbox outbox, PushOutbox pushes, AuditLog audit, Clock clock, Duration budget) {
    this.owners = owners;
    this.pushes = pushes;
    this.orders = orders;
    this.store = store;
    this.refunds = refunds;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
    this.budget = budget;
  }

  /** Starts the cancellation, or resumes it; answers the record as it stands after this call's work. */
  public Cancellation cancel(Organizer who, String eventId, Optional<String> reason) {
    requireOwned(who, eventId);
    Instant started = clock.instant();
    var start = store.startCancellation(eventId, who.actor(), reason.orElse(null), started);
    switch (start) {
      case NOT_CANCELLABLE -> throw new OrderDeskRefusal.EventNotCancellable("A draft event cannot be cancelled.");
      case STARTED -> {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", "cancelled");
        reason.ifPresent(r -> after.put("reason", r));
        audit.record(AuditEntry.of(who.organizationId(), who.actor(), OrderDeskAction.EVENT_CANCELLED, "event", eventId,
            started, null, AuditJson.of(after)));
        LOG.info("event cancellation started eventId={}", eventId);
      }
      case ALREADY_STARTED -> LOG.info("event cancellation resumed eventId={}", eventId);
    }
    Cancellation record = store.cancellation(eventId).orElseThrow();
    while (!record.done() && Duration.between(started, clock.instant()).compareTo(budget) < 0) {
      var page = store.ordersOfEvent(eventId, Optional.empty(), record.cursor(), PAGE);
      for (Order order : page.orders()) {
        cancelOrder(eventId, order);
      }
      store.advanceCancellation(eventId, page.next(), page.next().isEmpty(), clock.instant());
      record = store.cancellation(eventId).orElseThrow();
    }
    if (record.done()) {
      LOG.info("event cancellation finished eventId={} ordersRefunded={} ticketsRevoked={}", eventId,
          record.ordersRefunded(), record.ticketsRevoked());
    }
    return record;
  }

  public Cancellation progress(Organizer who, String eventId) {
    requireOwned(who, eventId);
    return store.cancellation(eventId).orElseThrow(() -> new OrderDeskRefusal.NotFound("cancellation"));
  }

  private void requireOwned(Organizer who, String eventId) {
    if (!owners.owns(who.organizationId(), eventId)) {
      throw new OrderDeskRefusal.NotFound("event");
    }
  }

  private void cancelOrder(String eventId, Order order) {
    boolean paid = order.status() == OrderStatus.PAID || order.status() == OrderStatus.PARTIALLY_REFUNDED;
    if (!paid || order.paymentIntentId() == null || store.orderCancelled(eventId, order.orderId())) {
      return;
    }
    List<Ticket> all = orders.tickets(order);
    List<Ticket> valid = all.stream().filter(Ticket::admits).toList();
    // Tickets this cancellation revokes, counting those an earlier, interrupted run already did.
    int ours = (int) all.stream().filter(t -> t.admits() || t.status() == TicketStatus.CANCELLED).count();
    String refundId;
    try {
      refundId = refunds.refund(new Refunds.RefundRequest(order.paymentIntentId(), null, refundKey(order.orderId()),
          valid.stream().map(Ticket::ticketId).toList(), Map.of("orderId", order.orderId(), "reason",
              OrderFlag.EVENT_CANCELLED.wire())));
    } catch (PaymentProviderException e) {
      throw new OrderDeskRefusal.ProviderFailed(e.retryable());
    }
    Instant at = clock.instant();
    int revoked = 0;
    for (Ticket t : valid) {
      if (store.cancelTicket(t.ticketId(), at)) {
        revoked++;
      }
    }
    if (order.email() != null && !order.email().isBlank()) {
      outbox.enqueue(notice(order));
    }
    if (order.buyerId() != null) {
      // Part of the order's step: recorded with it below, so a resumed run skips it with the order.
      pushes.enqueue(PushNotification.eventCancelled(eventId, order.buyerId(), order.eventName()));
    }
    store.recordOrderCancelled(eventId, order.orderId(), refundId, ours, at);
    LOG.info("order cancelled with its event orderId={} refundId={} ticketsRevoked={}", order.orderId(), refundId,
        revoked);
  }

  public static String refundKey(String orderId) {
    return "org-cancel:" + orderId;
  }

  public static String noticeJobId(String orderId) {
    return "event-cancelled:" + orderId;
  }

  /** The refund notice with the event-cancelled wording, one job id per order. */
  static EmailJob notice(Order order) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("orderId", order.orderId());
    variables.put("eventName", order.eventName() == null ? "" : order.eventName());
    variables.put("buyerName", order.name() == null ? "" : order.name());
    variables.put("amountTotal", order.amountTotal() - order.amountRefunded());
    variables.put("currency", order.currency() == null ? "" : order.currency());
    variables.put("reason", OrderFlag.EVENT_CANCELLED.wire());
    variables.put("seatsGone", "");
    variables.put("eventCancelled", "yes");
    return new EmailJob(noticeJobId(order.orderId()), StripeEventProcessor.REFUND_TEMPLATE, order.email(), variables);
  }
}
