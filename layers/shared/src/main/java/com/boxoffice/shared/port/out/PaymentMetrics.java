package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.webhook.OrderFlag;

/** Counts what operators are alarmed on: payments that could not become tickets and were refunded. */
@FunctionalInterface
public interface PaymentMetrics {

  void unfulfillablePaymentRefunded(OrderFlag flag);

  /** Counts nothing (tests that do not look). */
  static PaymentMetrics none() {
    return flag -> { };
  }
}
