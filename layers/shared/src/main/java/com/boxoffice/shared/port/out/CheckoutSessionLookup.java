package com.boxoffice.shared.port.out;

/**
 * Asks the payment provider where a checkout session stands, for reconciling an order whose
 * webhook never arrived or was never processed.
 */
@FunctionalInterface
public interface CheckoutSessionLookup {

  /**
   * @param status {@code open}, {@code complete} or {@code expired}
   * @param paymentStatus {@code paid}, {@code unpaid} or {@code no_payment_required}
   */
  record CheckoutSessionState(String id, String status, String paymentStatus, String paymentIntentId,
      long amountTotal, String currency) {

    public boolean paid() {
      return "complete".equals(status)
          && ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus));
    }

    public boolean expired() {
      return "expired".equals(status);
    }
  }

  CheckoutSessionState retrieve(String checkoutSessionId);
}
