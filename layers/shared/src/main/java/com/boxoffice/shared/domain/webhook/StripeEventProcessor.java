package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.port.out.StripeEventLedger;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.code.CodeDisplayRules;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.StripeEventLedger.Claim;
import com.boxoffice.shared.port.out.StripeEventLedger.ClaimState;
import com.boxoffice.shared.port.out.StripeEventLedger.Completion;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.PushOutbox;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.OrderPayments.FulfilledOrder;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaidResult;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.port.out.OrderPayments.PaymentLink;
import com.boxoffice.shared.port.out.OrderPayments.RefundDue;
import com.boxoffice.shared.port.out.OrderPayments.RefundReport;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.port.out.Refunds;
import com.boxoffice.shared.port.out.Refunds.RefundRequest;
import com.boxoffice.shared.port.out.TicketCodes;
import com.boxoffice.shared.domain.payment.RefundRecord;
import java.util.EnumMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Stripe event does, the same code for a webhook delivery and for the retry processor:
 * claim the event in the ledger, apply it to its order through {@link OrderPayments} (each
 * {@link StripeEventType} has its handler), enqueue the confirmation email for a paid order, refund
 * and announce a payment that cannot become tickets, and record the outcome (DONE plus the
 * order's audit entry).
 * Every step is idempotent, so an event processed again after a crash, a duplicate delivery or a
 * retry changes nothing twice.
 *
 * <p>A failure of any port is thrown as {@link ProcessingFailedException} while the caller still
 * holds the lease; the caller then queues or releases the event.
 */
public final class StripeEventProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(StripeEventProcessor.class);

  public static final String CONFIRMATION_TEMPLATE = "order-confirmation";
  public static final String REFUND_TEMPLATE = "payment-refunded";

  /** How a {@link #process} call ended. */
  public enum Status { PROCESSED, DUPLICATE, QUEUED_ALREADY, BUSY }

  public record Result(Status status, String outcome, String orderId) {}

  /** Processing failed while {@code owner} held the lease on the event. */
  public static final class ProcessingFailedException extends RuntimeException {
    private final String owner;

    ProcessingFailedException(String owner, RuntimeException cause) {
      super("processing failed: " + cause.getClass().getSimpleName(), cause);
      this.owner = owner;
    }

    public String owner() {
      return owner;
    }
  }

  /** A refund or dispute names a payment no order is linked to yet (its paid event is still on its way). */
  public static final class OrderNotYetKnownException extends RuntimeException {
    public OrderNotYetKnownException(String message) {
      super(message);
    }
  }

  private final StripeEventLedger ledger;
  private final OrderPayments orders;
  private final TicketCodes codes;
  private final Function<String, CodeDisplayRules> codeRules;
  private final EmailOutbox outbox;
  private final PushOutbox pushes;
  private final Refunds refundsPort;
  private final PaymentMetrics metrics;
  private final Clock clock;
  private final Duration lease;
  private final Map<StripeEventType, EventHandler> handlers = new EnumMap<>(StripeEventType.class);

  public StripeEventProcessor(StripeEventLedger ledger, OrderPayments orders, TicketCodes codes,
      EmailOutbox outbox, Refunds refunds, PaymentMetrics metrics, Clock clock, Duration lease) {
    this(ledger, orders, codes, eventId -> CodeDisplayRules.STATIC, outbox, refunds, metrics, clock, lease,
        PushOutbox.NONE);
  }

  /** Telling a signed-in buyer's devices, through {@code pushes}, that their tickets are issued. */
  public StripeEventProcessor(StripeEventLedger ledger, OrderPayments orders, TicketCodes codes,
      EmailOutbox outbox, Refunds refunds, PaymentMetrics metrics, Clock clock, Duration lease, PushOutbox pushes) {
    this(ledger, orders, codes, eventId -> CodeDisplayRules.STATIC, outbox, refunds, metrics, clock, lease, pushes);
  }

  /** With the events' code display rules, telling no device by push. */
  public StripeEventProcessor(StripeEventLedger ledger, OrderPayments orders, TicketCodes codes,
      Function<String, CodeDisplayRules> codeRules, EmailOutbox outbox, Refunds refunds, PaymentMetrics metrics,
      Clock clock, Duration lease) {
    this(ledger, orders, codes, codeRules, outbox, refunds, metrics, clock, lease, PushOutbox.NONE);
  }

  /**
   * With the events' code display rules (the confirmation mail of an event that accepts no printed
   * codes carries no QR code, only the note that the ticket lives in the app and the fallback code),
   * and telling a signed-in buyer's devices, through {@code pushes}, that their tickets are issued.
   */
  public StripeEventProcessor(StripeEventLedger ledger, OrderPayments orders, TicketCodes codes,
      Function<String, CodeDisplayRules> codeRules, EmailOutbox outbox, Refunds refunds, PaymentMetrics metrics,
      Clock clock, Duration lease, PushOutbox pushes) {
    this.codeRules = codeRules;
    this.pushes = pushes;
    this.ledger = ledger;
    this.orders = orders;
    this.codes = codes;
    this.outbox = outbox;
    this.refundsPort = refunds;
    this.metrics = metrics;
    this.clock = clock;
    this.lease = lease;
    for (StripeEventType type : StripeEventType.values()) {
      handlers.put(type, handlerFor(type));
    }
  }

  /**
   * Processes {@code event} unless it is done, queued (for a webhook delivery) or being worked on.
   *
   * @param fromRetryQueue true for the retry processor, which may take a QUEUED event
   * @throws ProcessingFailedException when a port failed; the lease is still held by its owner
   */
  public Result process(StripeEvent event, boolean fromRetryQueue) {
    String owner = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Claim claim = ledger.claim(event.id(), event.type(), owner, now, now.plus(lease), fromRetryQueue);
    switch (claim.state()) {
      case DONE -> {
        LOG.info("stripe event already processed type={} outcome={}", event.type(), claim.outcome());
        return new Result(Status.DUPLICATE, claim.outcome(), null);
      }
      case QUEUED -> {
        return new Result(Status.QUEUED_ALREADY, null, null);
      }
      case BUSY -> {
        return new Result(Status.BUSY, null, null);
      }
      case ACQUIRED -> { }
    }
    Completion completion;
    try {
      completion = apply(event);
    } catch (RuntimeException e) {
      throw new ProcessingFailedException(owner, e);
    }
    try {
      if (!ledger.complete(event.id(), owner, completion, clock.instant())) {
        LOG.warn("stripe event lease passed to another attempt before completion type={}", event.type());
      }
    } catch (RuntimeException e) {
      throw new ProcessingFailedException(owner, e);
    }
    LOG.info("stripe event processed type={} outcome={}", event.type(), completion.outcome());
    return new Result(Status.PROCESSED, completion.outcome(), completion.orderId());
  }

  /** The event failed and went to the retry queue. */
  public void markQueued(StripeEvent event, String owner, Throwable cause) {
    ledger.markQueued(event.id(), owner, reason(cause), clock.instant());
  }

  /** The event failed and was not queued: let the next delivery or retry take it at once. */
  public void release(StripeEvent event, String owner, Throwable cause) {
    ledger.release(event.id(), owner, reason(cause), clock.instant());
  }

  private static String reason(Throwable cause) {
    Throwable root = cause instanceof ProcessingFailedException && cause.getCause() != null ? cause.getCause() : cause;
    return root == null ? "unknown" : root.getClass().getSimpleName();
  }

  /** What one event type does; returns the ledger's completion record. */
  @FunctionalInterface
  private interface EventHandler {
    Completion handle(StripeEvent event, Instant at);
  }

  /** The handler of each type: an exhaustive switch, so a new constant without a handler does not compile. */
  private EventHandler handlerFor(StripeEventType type) {
    return switch (type) {
      case CHECKOUT_SESSION_COMPLETED, CHECKOUT_SESSION_ASYNC_PAYMENT_SUCCEEDED -> this::onSessionPaid;
      case CHECKOUT_SESSION_ASYNC_PAYMENT_FAILED -> this::onPaymentFailed;
      case CHECKOUT_SESSION_EXPIRED -> this::onSessionExpired;
      case CHARGE_REFUNDED -> this::onChargeRefunded;
      case CHARGE_DISPUTE_CREATED -> this::onDisputeCreated;
    };
  }

  private Completion apply(StripeEvent event) {
    Instant at = event.created().getEpochSecond() > 0 ? event.created() : clock.instant();
    Optional<StripeEventType> type = StripeEventType.of(event.type());
    if (type.isEmpty()) {
      return new Completion(event.type(), "ignored", event.orderId().orElse(null), null);
    }
    return handlers.get(type.get()).handle(event, at);
  }

  private Completion onSessionPaid(StripeEvent event, Instant at) {
    Optional<String> orderId = event.orderId();
    if (orderId.isEmpty()) {
      return new Completion(event.type(), "no_order_reference", null, null);
    }
    String paymentStatus = String.valueOf(event.object().paymentStatus());
    boolean settled = paymentStatus.equals("paid") || paymentStatus.equals("no_payment_required");
    if (!settled) {
      // Asynchronous methods (bank debits) complete the session unpaid; the order stays
      // pending until async_payment_succeeded or _failed.
      return new Completion(event.type(), "awaiting_payment", orderId.get(), null);
    }
    String paymentIntent = event.object().paymentIntent();
    boolean ours = event.ourOrderId().filter(orderId.get()::equals).isPresent();
    Outcome outcome = fulfil(new PaymentConfirmation(orderId.get(), event.object().id(), paymentIntent,
        event.object().amountTotal(), event.object().currency(), at, ours, event.object().payerEmail()));
    return new Completion(event.type(), "paid:" + name(outcome), orderId.get(), paymentIntent);
  }

  private Completion onPaymentFailed(StripeEvent event, Instant at) {
    Optional<String> orderId = event.orderId();
    if (orderId.isEmpty()) {
      return new Completion(event.type(), "no_order_reference", null, null);
    }
    Outcome outcome = orders.paymentFailed(orderId.get(), event.object().id(), at);
    return new Completion(event.type(), "payment_failed:" + name(outcome), orderId.get(), null);
  }

  private Completion onSessionExpired(StripeEvent event, Instant at) {
    Optional<String> orderId = event.orderId();
    if (orderId.isEmpty()) {
      return new Completion(event.type(), "no_order_reference", null, null);
    }
    Outcome outcome = orders.expired(orderId.get(), event.object().id(), at);
    return new Completion(event.type(), "expired:" + name(outcome), orderId.get(), null);
  }

  private Completion onChargeRefunded(StripeEvent event, Instant at) {
    String paymentIntent = event.object().paymentIntent();
    if (isBlank(paymentIntent)) {
      return withoutPaymentIntent(event, "refunded");
    }
    Optional<PaymentLink> link = orders.paymentLink(paymentIntent);
    if (link.isEmpty()) {
      return unknownPayment(event, "refunded", paymentIntent);
    }
    if (link.get().refused()) {
      // Our own refund of a payment we refused: that payment never bought anything.
      return new Completion(event.type(), "refunded:ignored", link.get().orderId(), paymentIntent);
    }
    List<RefundRecord> refunds = event.object().refunds() != null ? event.object().refunds()
        : refundsPort.forPayment(paymentIntent);
    Outcome outcome = orders.refunded(new RefundReport(link.get().orderId(), paymentIntent,
        event.object().amountRefunded(), refunds, at));
    return new Completion(event.type(), "refunded:" + name(outcome), link.get().orderId(), paymentIntent);
  }

  private Completion onDisputeCreated(StripeEvent event, Instant at) {
    String paymentIntent = event.object().paymentIntent();
    if (isBlank(paymentIntent)) {
      return withoutPaymentIntent(event, "disputed");
    }
    Optional<PaymentLink> link = orders.paymentLink(paymentIntent);
    if (link.isEmpty()) {
      return unknownPayment(event, "disputed", paymentIntent);
    }
    if (link.get().refused()) {
      LOG.warn("dispute opened on a refused payment paymentIntentId={} orderId={}", paymentIntent, link.get().orderId());
      return new Completion(event.type(), "disputed:ignored", link.get().orderId(), paymentIntent);
    }
    Outcome outcome = orders.disputed(link.get().orderId(), paymentIntent, at);
    return new Completion(event.type(), "disputed:" + name(outcome), link.get().orderId(), paymentIntent);
  }

  /**
   * A refund or dispute for a payment no order is linked to. If it carries our metadata for an
   * order that exists here, its paid event has not been processed yet: fail, so it is retried
   * after the payment. Anything else (another product on the account, another stage) is not ours.
   */
  private Completion unknownPayment(StripeEvent event, String verb, String paymentIntent) {
    Optional<String> ours = event.ourOrderId();
    if (ours.isPresent() && orders.hasOrder(ours.get())) {
      throw new OrderNotYetKnownException("no order linked to the " + verb + " payment yet");
    }
    LOG.info("{} payment is not ours paymentIntentId={}", verb, paymentIntent);
    return new Completion(event.type(), verb + ":not_ours", null, paymentIntent);
  }

  /**
   * A refund or dispute without a payment intent: every payment this shop takes goes through a
   * Checkout Session and so has one, so such a charge is not ours (a direct charge of another
   * product on the account). Retrying would never change that, and refusing it would only make
   * Stripe redeliver it for days: it is recorded as ignored, with the event's ledger entry as its
   * audit (and the order's audit entry when its metadata names one).
   */
  private Completion withoutPaymentIntent(StripeEvent event, String verb) {
    LOG.warn("{} event without payment_intent ignored type={}", verb, event.type());
    return new Completion(event.type(), verb + ":no_payment_intent",
        event.ourOrderId().filter(orders::hasOrder).orElse(null), null);
    }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Marks the order paid and enqueues its confirmation email, or, for a payment that cannot become
   * tickets, refunds it (once: the refund is recorded, and the request's idempotency key is the
   * payment's) and tells its payer. The email is enqueued for ALREADY_APPLIED too: the job id is
   * deterministic and the email processor sends each id once, so a crash between fulfilment and
   * enqueue loses no mail and a repeat sends none twice. A signed-in buyer's devices are told the
   * same way ({@code tickets-issued:<orderId>}, reaching each device once).
   */
  public Outcome fulfil(PaymentConfirmation confirmation) {
    PaidResult result = orders.paid(confirmation);
    if (result.refund() != null) {
      returnPayment(result.refund(), confirmation.at());
    }
    if ((result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.ALREADY_APPLIED) && result.order() != null
        && !result.order().tickets().isEmpty()) {
      outbox.enqueue(confirmationEmail(result.order()));
      if (result.order().buyerId() != null) {
        pushes.enqueue(PushNotification.ticketsIssued(result.order().orderId(), result.order().buyerId(),
            result.order().eventName()));
      }
    }
    return result.outcome();
  }

  private void returnPayment(RefundDue due, Instant at) {
    if (due.paymentIntentId() == null) {
      LOG.error("payment cannot become tickets and has no payment intent to refund orderId={} flag={}",
          due.orderId(), due.flag().wire());
      return;
    }
    if (due.refundId() == null) {
      Map<String, String> metadata = new LinkedHashMap<>();
      if (due.orderId() != null) {
        metadata.put(StripeEvent.ORDER_ID_METADATA, due.orderId());
      }
      metadata.put("reason", due.flag().wire());
      String refundId = refundsPort.refund(new RefundRequest(due.paymentIntentId(), null,
          Refunds.keyFor(due.paymentIntentId()), List.of(), metadata));
      orders.refundIssued(due.paymentIntentId(), refundId, at);
      metrics.unfulfillablePaymentRefunded(due.flag());
      LOG.warn("payment refunded, it cannot become tickets orderId={} paymentIntentId={} flag={} refundId={}",
          due.orderId(), due.paymentIntentId(), due.flag().wire(), refundId);
    }
    if (due.recipient() != null && !due.recipient().isBlank()) {
      outbox.enqueue(refundEmail(due));
    }
  }

  /** The notice that a payment was returned, one job id per payment. */
  public static EmailJob refundEmail(RefundDue due) {
    Map<String, Object> variables = new LinkedHashMap<>();
    // A payment that was not the order's own may come from anyone: its notice names no order.
    variables.put("orderId", due.flag() == OrderFlag.PAYMENT_MISMATCH ? "" : nullToEmpty(due.orderId()));
    variables.put("eventName", nullToEmpty(due.eventName()));
    variables.put("buyerName", nullToEmpty(due.buyerName()));
    variables.put("amountTotal", due.amount());
    variables.put("currency", nullToEmpty(due.currency()));
    variables.put("reason", due.flag().wire());
    variables.put("seatsGone", due.flag() == OrderFlag.SEATS_GONE ? "yes" : "");
    variables.put("eventCancelled", due.flag() == OrderFlag.EVENT_CANCELLED ? "yes" : "");
    return new EmailJob(refundJobId(due.paymentIntentId()), REFUND_TEMPLATE, due.recipient(), variables);
  }

  public static String refundJobId(String paymentIntentId) {
    return "payment-refund:" + paymentIntentId;
  }

  /** The confirmation email of a paid order, one job id per order. */
  public EmailJob confirmationEmail(FulfilledOrder order) {
    return confirmationEmail(order, codes, confirmationJobId(order.orderId()),
        codeRules.apply(order.eventId()).showsStaticCode());
  }

  /**
   * The confirmation email of a paid order under a given job id, with the codes {@code codes}
   * renders: what an organizer sends again, under a job id of its own, so the email path's
   * per-job dedup does not take it for the first one. {@code printable} says whether the event
   * accepts printed codes (otherwise the mail says the ticket lives in the app).
   */
  public static EmailJob confirmationEmail(FulfilledOrder order, TicketCodes codes, String jobId, boolean printable) {
    List<Map<String, Object>> tickets = new ArrayList<>();
    for (Ticket t : order.tickets()) {
      Map<String, Object> ticket = new LinkedHashMap<>();
      ticket.put("ticketId", t.ticketId());
      ticket.put("ticketTypeName", nullToEmpty(t.ticketTypeName()));
      ticket.put("holderName", nullToEmpty(t.holderName()));
      if (printable) {
        ticket.put("code", codes.codeFor(t));
      }
      ticket.put("fallbackCode", codes.fallbackCodeFor(t));
      tickets.add(ticket);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("orderId", order.orderId());
    variables.put("eventName", nullToEmpty(order.eventName()));
    variables.put("buyerName", nullToEmpty(order.buyerName()));
    variables.put("amountTotal", order.amountTotal());
    variables.put("currency", nullToEmpty(order.currency()));
    variables.put("tickets", tickets);
    variables.put("appOnly", printable ? "" : "yes");
    return new EmailJob(jobId, CONFIRMATION_TEMPLATE, order.buyerEmail(), variables);
  }

  public static String confirmationJobId(String orderId) {
    return "order-confirmation:" + orderId;
  }

  private static String name(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
