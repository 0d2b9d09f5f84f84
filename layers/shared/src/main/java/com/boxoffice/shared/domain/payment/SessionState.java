package com.boxoffice.shared.domain.payment;

/**
 * Where a hosted checkout session stands, as far as the seats it pays for are concerned. The
 * provider's pair of status and payment status is folded into the four answers that lead to
 * different actions.
 */
public enum SessionState {
  /** The buyer can still pay. */
  OPEN,
  /** Nobody can pay any more: the session expired (by itself or because we expired it). */
  EXPIRED,
  /** The buyer paid (or nothing was due): the order is to be fulfilled. */
  PAID,
  /**
   * The buyer finished checkout with an asynchronous method (a bank debit such as SEPA): the
   * money may still arrive or fail, and the provider says which with a later event.
   */
  AWAITING_PAYMENT;

  /**
   * The state for the provider's {@code status} ({@code open}, {@code complete}, {@code expired})
   * and {@code payment_status} ({@code paid}, {@code unpaid}, {@code no_payment_required}).
   *
   * @throws IllegalArgumentException for a status this code does not know
   */
  public static SessionState of(String status, String paymentStatus) {
    if (status == null) {
      throw new IllegalArgumentException("session without a status");
    }
    return switch (status) {
      case "open" -> OPEN;
      case "expired" -> EXPIRED;
      case "complete" -> "paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus)
          ? PAID : AWAITING_PAYMENT;
      default -> throw new IllegalArgumentException("unknown session status " + status);
    };
  }
}
