package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.port.out.StripeEventLedger;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.StripeEventLedger.Claim;
import com.boxoffice.shared.port.out.StripeEventLedger.ClaimState;
import com.boxoffice.shared.port.out.StripeEventLedger.Completion;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.OrderPayments.FulfilledOrder;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaidResult;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.port.out.TicketCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Stripe event does, the same code for a webhook delivery and for the retry processor:
 * claim the event in the ledger, apply it to its order through {@link OrderPayments}, enqueue the
 * confirmation email for a paid order, and record the outcome (DONE plus the order's audit entry).
 * Every step is idempotent, so an event processed again after a crash, a duplicate delivery or a
 * retry changes nothing twice.
 *
 * <p>A failure of any port is thrown as {@link ProcessingFailedException} while the caller still
 * holds the lease; the caller then queues or releases the event.
 */
public final class StripeEventProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(StripeEventProcessor.class);

  public static final String CONFIRMATION_TEMPLATE = "order-confirmation";

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
  private final EmailOutbox outbox;
  private final Clock clock;
  private final Duration lease;

  public StripeEventProcessor(StripeEventLedger ledger, OrderPayments orders, TicketCodes codes,
      EmailOutbox outbox, Clock clock, Duration lease) {
    this.ledger = ledger;
    this.orders = orders;
    this.codes = codes;
    this.outbox = outbox;
    this.clock = clock;
    this.lease = lease;
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

  private Completion apply(StripeEvent event) {
    Instant at = event.created().getEpochSecond() > 0 ? event.created() : clock.instant();
    String type = event.type();
    Optional<String> orderId = event.orderId();
    String sessionId = event.text("id").orElse(null);
    switch (type) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
        if (orderId.isEmpty()) {
          return new Completion(type, "no_order_reference", null, null);
        }
        String paymentStatus = event.text("payment_status").orElse("");
        boolean settled = paymentStatus.equals("paid") || paymentStatus.equals("no_payment_required");
        if (!settled) {
          // Asynchronous methods (bank debits) complete the session unpaid; the order stays
          // pending until async_payment_succeeded or _failed.
          return new Completion(type, "awaiting_payment", orderId.get(), null);
        }
        String paymentIntent = event.text("payment_intent").orElse(null);
        Outcome outcome = fulfil(new PaymentConfirmation(orderId.get(), sessionId, paymentIntent,
            event.number("amount_total"), event.text("currency").orElse(null), at));
        return new Completion(type, "paid:" + name(outcome), orderId.get(), paymentIntent);
      }
      case "checkout.session.async_payment_failed" -> {
        if (orderId.isEmpty()) {
          return new Completion(type, "no_order_reference", null, null);
        }
        Outcome outcome = orders.paymentFailed(orderId.get(), sessionId, at);
        return new Completion(type, "payment_failed:" + name(outcome), orderId.get(), null);
      }
      case "checkout.session.expired" -> {
        if (orderId.isEmpty()) {
          return new Completion(type, "no_order_reference", null, null);
        }
        Outcome outcome = orders.expired(orderId.get(), sessionId, at);
        return new Completion(type, "expired:" + name(outcome), orderId.get(), null);
      }
      case "charge.refunded" -> {
        String paymentIntent = requirePaymentIntent(event);
        Outcome outcome = orders.refunded(paymentIntent, event.number("amount_refunded"), at);
        if (outcome == Outcome.NOT_FOUND) {
          throw new OrderNotYetKnownException("no order for the refunded payment yet");
        }
        return new Completion(type, "refunded:" + name(outcome), orderId.orElse(null), paymentIntent);
      }
      case "charge.dispute.created" -> {
        String paymentIntent = requirePaymentIntent(event);
        Outcome outcome = orders.disputed(paymentIntent, at);
        if (outcome == Outcome.NOT_FOUND) {
          throw new OrderNotYetKnownException("no order for the disputed payment yet");
        }
        return new Completion(type, "disputed:" + name(outcome), orderId.orElse(null), paymentIntent);
      }
      default -> {
        return new Completion(type, "ignored", orderId.orElse(null), null);
      }
    }
  }

  private static String requirePaymentIntent(StripeEvent event) {
    return event.text("payment_intent")
        .orElseThrow(() -> new StripeEvent.MalformedEventException(event.type() + " without payment_intent"));
  }

  /**
   * Marks the order paid and enqueues its confirmation email. The email is enqueued for
   * ALREADY_APPLIED too: the job id is deterministic and the email processor sends each id once,
   * so a crash between fulfilment and enqueue loses no mail and a repeat sends none twice.
   */
  public Outcome fulfil(PaymentConfirmation confirmation) {
    PaidResult result = orders.paid(confirmation);
    if (result.outcome() == Outcome.IGNORED) {
      // Money was taken for an order that had already ended (expired, failed): it needs a refund.
      LOG.warn("payment confirmed for an order that no longer accepts it orderId={} checkoutSessionId={}",
          confirmation.orderId(), confirmation.checkoutSessionId());
    }
    if ((result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.ALREADY_APPLIED) && result.order() != null) {
      outbox.enqueue(confirmationEmail(result.order()));
    }
    return result.outcome();
  }

  /** The confirmation email of a paid order, one job id per order. */
  public EmailJob confirmationEmail(FulfilledOrder order) {
    List<Map<String, Object>> tickets = new ArrayList<>();
    for (Ticket t : order.tickets()) {
      Map<String, Object> ticket = new LinkedHashMap<>();
      ticket.put("ticketId", t.ticketId());
      ticket.put("ticketTypeName", nullToEmpty(t.ticketTypeName()));
      ticket.put("holderName", nullToEmpty(t.holderName()));
      ticket.put("code", codes.codeFor(t));
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
    return new EmailJob(confirmationJobId(order.orderId()), CONFIRMATION_TEMPLATE, order.buyerEmail(), variables);
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
