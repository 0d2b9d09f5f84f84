package com.boxoffice.shared.domain.order;

import java.time.Duration;

/**
 * Checkout configuration, validated once at init. The success and cancel URLs come from here and
 * never from a request, so nobody can send a buyer elsewhere after paying. They are kept as text
 * because Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder is not a legal URI character.
 *
 * @param hold how long seats are held (Stripe sessions live 30 min to 24 h)
 */
public record CheckoutSettings(
    String successUrl, String cancelUrl, Duration hold, int userLimitPerHour, int ipLimitPerHour,
    int emailLimitPerHour) {

  public static final int MAX_TICKETS_PER_ORDER = 20;
  public static final int MAX_LINES = 10;
}
