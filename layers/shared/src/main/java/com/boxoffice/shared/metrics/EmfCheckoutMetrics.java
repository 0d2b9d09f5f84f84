package com.boxoffice.shared.metrics;

import com.boxoffice.shared.port.out.CheckoutMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link CheckoutMetrics} as one Embedded Metric Format line per checkout request, under
 * {@code function} and {@code function}+{@code outcome}: {@value #CHECKOUTS} (1 per request),
 * {@value #ORDERS_CREATED}, {@value #SOLD_OUT} and {@value #RATE_LIMITED} (1 or 0), and, when the
 * request called Stripe, {@value #STRIPE_LATENCY}, one failure count per class, {@value #CIRCUIT_OPENED}
 * (the call opened the breaker, which an alarm watches) and {@value #CIRCUIT_OPEN} (the breaker's state
 * after it, 1 open).
 */
public final class EmfCheckoutMetrics implements CheckoutMetrics {
  public static final String CHECKOUTS = "Checkouts";
  public static final String ORDERS_CREATED = "OrdersCreated";
  public static final String SOLD_OUT = "CheckoutsSoldOut";
  public static final String RATE_LIMITED = "CheckoutsRateLimited";
  public static final String STRIPE_LATENCY = "StripeCallLatencyMs";
  public static final String STRIPE_UNAVAILABLE = "StripeCallsUnavailable";
  public static final String STRIPE_REJECTED = "StripeCallsRejected";
  public static final String STRIPE_ERRORS = "StripeCallsFailedUnexpectedly";
  public static final String CIRCUIT_OPENED = "StripeCircuitOpened";
  public static final String CIRCUIT_OPEN = "StripeCircuitOpen";

  private final EmfMetrics emf;
  private final String function;

  public EmfCheckoutMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void checkoutEnded(Outcome outcome, ProviderCall call) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(CHECKOUTS, 1);
    values.put(ORDERS_CREATED, outcome == Outcome.CREATED ? 1 : 0);
    values.put(SOLD_OUT, outcome == Outcome.SOLD_OUT ? 1 : 0);
    values.put(RATE_LIMITED, outcome == Outcome.RATE_LIMITED ? 1 : 0);
    if (call != null) {
      values.put(STRIPE_LATENCY, call.latencyMillis());
      values.put(STRIPE_UNAVAILABLE, call.result() == CallResult.UNAVAILABLE ? 1 : 0);
      values.put(STRIPE_REJECTED, call.result() == CallResult.REJECTED ? 1 : 0);
      values.put(STRIPE_ERRORS, call.result() == CallResult.ERROR ? 1 : 0);
      values.put(CIRCUIT_OPENED, call.circuitOpened() ? 1 : 0);
      values.put(CIRCUIT_OPEN, call.circuitOpen() ? 1 : 0);
    }
    emf.emit(function, Map.of(EmfMetrics.Dimension.OUTCOME, outcome.name().toLowerCase(Locale.ROOT)), values);
  }
}
