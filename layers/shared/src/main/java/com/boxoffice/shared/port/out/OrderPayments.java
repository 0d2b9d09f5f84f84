package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.webhook.OrderFlag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the payment provider's events do to an order. The domain decides each transition
 * ({@code domain.webhook.OrderTransitions}); an implementation reads the order, asks for the plan
 * and writes it conditional on the state it was decided from, deciding again when that state
 * moved. So every method is safe to call any number of times and in any order: a call that finds
 * the transition already made, or made impossible by a later state, changes nothing and says so
 * in its {@link Outcome}.
 */
public interface OrderPayments {

  /** How a call ended. */
  enum Outcome {
    /** The transition was made now. */
    APPLIED,
    /** The same transition had already been made; nothing changed. */
    ALREADY_APPLIED,
    /** The order is in a state this event no longer changes (e.g. expired after paid). */
    IGNORED,
    /** No order matches. */
    NOT_FOUND,
    /** The payment cannot become tickets: it was flagged and must be returned (see {@link RefundDue}). */
    REFUSED
  }

  /**
   * A checkout session reported paid.
   *
   * @param createdForOrder the session carries this system's metadata naming {@code orderId}
   * @param payerEmail who paid, from the session (for the refund notice of a payment that is not
   *     the order's own); may be null
   */
  record PaymentConfirmation(
      String orderId, String checkoutSessionId, String paymentIntentId, long amountTotal, String currency,
      Instant at, boolean createdForOrder, String payerEmail) {

    public PaymentConfirmation(String orderId, String checkoutSessionId, String paymentIntentId, long amountTotal,
        String currency, Instant at) {
      this(orderId, checkoutSessionId, paymentIntentId, amountTotal, currency, at, false, null);
    }
  }

  /** A paid order with its tickets, for the confirmation email. */
  record FulfilledOrder(
      String orderId, String eventId, String eventName, String buyerEmail, String buyerName,
      long amountTotal, String currency, List<Ticket> tickets, String buyerId) {

    /** An order whose buyer is not known as an account (a guest's, or from before buyers were kept). */
    public FulfilledOrder(String orderId, String eventId, String eventName, String buyerEmail, String buyerName,
        long amountTotal, String currency, List<Ticket> tickets) {
      this(orderId, eventId, eventName, buyerEmail, buyerName, amountTotal, currency, tickets, null);
    }
  }

  /**
   * A payment that cannot become tickets and is to be refunded in full.
   *
   * @param refundId the refund already made for it, null while none is recorded
   * @param recipient who is told about the refund; null when nobody can be
   */
  record RefundDue(String orderId, String paymentIntentId, OrderFlag flag, String refundId, String recipient,
      String buyerName, String eventName, long amount, String currency) {}

  /**
   * The result of {@link #paid}: the outcome; when the order is paid, what was issued; when the
   * payment is refused (outcome {@code REFUSED}, or {@code ALREADY_APPLIED} on an order paid
   * without tickets), the refund it needs.
   */
  record PaidResult(Outcome outcome, FulfilledOrder order, RefundDue refund) {
    public PaidResult(Outcome outcome, FulfilledOrder order) {
      this(outcome, order, null);
    }
  }

  /** The order a payment belongs to, and whether it paid for it or was refused. */
  record PaymentLink(String orderId, boolean refused) {}

  /** What a {@code charge.refunded} event says: the running total and, as far as known, the refunds. */
  record RefundReport(String orderId, String paymentIntentId, long amountRefundedTotal, List<RefundRecord> refunds,
      Instant at) {
    public RefundReport {
      refunds = List.copyOf(refunds);
    }
  }

  /**
   * Marks the order paid, issues its tickets and turns its held seats into sold seats, in one
   * transaction; or, for a payment that cannot become tickets, flags it and reports the refund due.
   */
  PaidResult paid(PaymentConfirmation confirmation);

  /** Records the refund made for a refused payment, so it is never made twice. */
  void refundIssued(String paymentIntentId, String refundId, Instant at);

  /** An asynchronous payment failed: the order ends as payment_failed and its hold is released. */
  Outcome paymentFailed(String orderId, String checkoutSessionId, Instant at);

  /** The checkout session expired unpaid: the order ends as expired and its hold is released. */
  Outcome expired(String orderId, String checkoutSessionId, Instant at);

  /** The order a payment was recorded against, by the payment index. */
  Optional<PaymentLink> paymentLink(String paymentIntentId);

  /** Whether an order with this id exists here. */
  boolean hasOrder(String orderId);

  /**
   * The payment was refunded, {@code amountRefundedTotal} in all so far: the tickets those refunds
   * name are revoked as refunded (every ticket once the whole order is refunded).
   */
  Outcome refunded(RefundReport report);

  /** A dispute was opened on the payment: the order is flagged and its tickets revoked. */
  Outcome disputed(String orderId, String paymentIntentId, Instant at);
}
