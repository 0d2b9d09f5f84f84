package com.boxoffice.shared.port.out;

/**
 * What one checkout request reports for operators: how it ended and, when it called the payment
 * provider, how long that took, how it failed and whether the failure opened the circuit. The
 * adapter writes it as one metric line per request; nothing here carries an order or event id.
 */
@FunctionalInterface
public interface CheckoutMetrics {

  /** How a checkout request ended. */
  enum Outcome { CREATED, RESUMED, INVALID, NOT_ON_SALE, SOLD_OUT, RATE_LIMITED, PAYMENT_UNAVAILABLE,
    PAYMENT_REJECTED, INVENTORY_BUSY, INVENTORY_UNAVAILABLE, ERROR }

  /** The class of a payment provider call's result. */
  enum CallResult { OK, UNAVAILABLE, REJECTED, ERROR }

  /**
   * One provider call: its latency, its result, whether it opened the circuit, and whether the
   * circuit is open after it.
   */
  record ProviderCall(long latencyMillis, CallResult result, boolean circuitOpened, boolean circuitOpen) {}

  /** @param call the provider call this request made, or null when it made none */
  void checkoutEnded(Outcome outcome, ProviderCall call);

  /** Counts nothing (tests that do not look). */
  static CheckoutMetrics none() {
    return (outcome, call) -> { };
  }
}
