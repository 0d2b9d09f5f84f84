package com.boxoffice.shared.metrics;

import com.boxoffice.shared.domain.webhook.OrderFlag;
import com.boxoffice.shared.port.out.PaymentMetrics;
import java.util.Map;

/**
 * {@link PaymentMetrics} as Embedded Metric Format lines: {@value #UNFULFILLABLE} (Count) per
 * refunded payment, under the {@code function} dimension, which the template's alarm watches. The
 * flag goes to the log line of the refund, not into a dimension, so the alarm needs one metric.
 */
public final class EmfPaymentMetrics implements PaymentMetrics {
  public static final String UNFULFILLABLE = "UnfulfillablePaymentsRefunded";

  private final EmfMetrics emf;
  private final String function;

  public EmfPaymentMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void unfulfillablePaymentRefunded(OrderFlag flag) {
    emf.emit(function, Map.of(UNFULFILLABLE, 1));
  }
}
