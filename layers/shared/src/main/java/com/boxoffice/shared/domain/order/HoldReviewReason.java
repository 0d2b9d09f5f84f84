package com.boxoffice.shared.domain.order;

import java.util.Locale;

/**
 * Why the hold sweep gave an order to a person instead of releasing its seats: the hold was kept
 * as long as it may be ({@link HoldPolicy}) and the payment still has no final answer.
 */
public enum HoldReviewReason {
  /** The buyer paid, but the order was never fulfilled (no event, no reconciliation took it). */
  PAID_NOT_FULFILLED,
  /** An asynchronous payment (a bank debit) has not succeeded or failed within the bound. */
  ASYNC_PAYMENT_OVERDUE,
  /** The provider never said where the session stands (it kept failing or refusing the question). */
  SESSION_UNRESOLVED;

  /** The name stored on the order: lower snake case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
