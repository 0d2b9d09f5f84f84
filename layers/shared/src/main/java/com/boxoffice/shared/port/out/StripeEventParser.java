package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.webhook.StripeEvent;

/** Reads a verified Stripe event body into the domain's {@link StripeEvent}. */
@FunctionalInterface
public interface StripeEventParser {

  /** @throws StripeEvent.MalformedEventException when the body is not a Stripe event */
  StripeEvent parse(byte[] json);
}
