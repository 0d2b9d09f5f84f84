package com.boxoffice.shared.domain.webhook;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Stripe event types this system acts on. Every other type is recorded as {@code ignored}.
 * Adding one is a constant here plus its handler in {@link StripeEventProcessor} (an exhaustive
 * {@code switch}, so the compiler refuses a constant without one).
 */
public enum StripeEventType {
  CHECKOUT_SESSION_COMPLETED("checkout.session.completed"),
  CHECKOUT_SESSION_ASYNC_PAYMENT_SUCCEEDED("checkout.session.async_payment_succeeded"),
  CHECKOUT_SESSION_ASYNC_PAYMENT_FAILED("checkout.session.async_payment_failed"),
  CHECKOUT_SESSION_EXPIRED("checkout.session.expired"),
  CHARGE_REFUNDED("charge.refunded"),
  CHARGE_DISPUTE_CREATED("charge.dispute.created");

  private static final Map<String, StripeEventType> BY_WIRE = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(StripeEventType::wire, Function.identity()));

  private final String wire;

  StripeEventType(String wire) {
    this.wire = wire;
  }

  /** The type as Stripe names it. */
  public String wire() {
    return wire;
  }

  public static Optional<StripeEventType> of(String wire) {
    return Optional.ofNullable(BY_WIRE.get(wire));
  }
}
