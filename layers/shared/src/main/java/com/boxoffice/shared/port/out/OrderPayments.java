package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.ticket.Ticket;
import java.time.Instant;
import java.util.List;

/**
 * What the payment provider's events do to an order. Every method is safe to call any number of
 * times and in any order: each transition is a conditional write on the order's current state, and
 * a call that finds the transition already made, or made impossible by a later state, changes
 * nothing and says so in its {@link Outcome}.
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
    NOT_FOUND
  }

  /** A checkout session reported paid. */
  record PaymentConfirmation(
      String orderId, String checkoutSessionId, String paymentIntentId, long amountTotal, String currency,
      Instant at) {}

  /** A paid order with its tickets, for the confirmation email. */
  record FulfilledOrder(
      String orderId, String eventId, String eventName, String buyerEmail, String buyerName,
      long amountTotal, String currency, List<Ticket> tickets) {}

  /** The result of {@link #paid}: the outcome and, when the order is paid, what was issued. */
  record PaidResult(Outcome outcome, FulfilledOrder order) {}

  /**
   * Marks the order paid, issues its tickets and turns its held seats into sold seats, in one
   * transaction. Returns the fulfilled order for {@code APPLIED} and {@code ALREADY_APPLIED}.
   */
  PaidResult paid(PaymentConfirmation confirmation);

  /** An asynchronous payment failed: the order ends as payment_failed and its hold is released. */
  Outcome paymentFailed(String orderId, String checkoutSessionId, Instant at);

  /** The checkout session expired unpaid: the order ends as expired and its hold is released. */
  Outcome expired(String orderId, String checkoutSessionId, Instant at);

  /**
   * The payment was refunded, {@code amountRefundedTotal} in all so far (a partial refund is less
   * than the order total): the tickets that amount covers are revoked as refunded.
   */
  Outcome refunded(String paymentIntentId, long amountRefundedTotal, Instant at);

  /** A dispute was opened on the payment: the order is flagged and its tickets revoked. */
  Outcome disputed(String paymentIntentId, Instant at);
}
