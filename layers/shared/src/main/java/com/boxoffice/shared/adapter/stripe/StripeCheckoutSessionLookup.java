package com.boxoffice.shared.adapter.stripe;

import com.boxoffice.shared.port.out.CheckoutSessionLookup;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;

/** Reads a checkout session from Stripe for reconciliation, with one shared {@link StripeClient}. */
public final class StripeCheckoutSessionLookup implements CheckoutSessionLookup {

  /** Stripe could not be asked; the order is retried at the next reconciliation. */
  public static final class LookupFailedException extends RuntimeException {
    public LookupFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final StripeClient stripe;

  public StripeCheckoutSessionLookup(StripeClient stripe) {
    this.stripe = stripe;
  }

  /** A client with bounded timeouts; {@code apiBase} null means Stripe itself. */
  public static StripeClient client(String apiKey, String apiBase) {
    var b = StripeClient.builder().setApiKey(apiKey).setConnectTimeout(5_000).setReadTimeout(10_000)
        .setMaxNetworkRetries(2);
    if (apiBase != null) {
      b.setApiBase(apiBase);
    }
    return b.build();
  }

  @Override
  public CheckoutSessionState retrieve(String checkoutSessionId) {
    try {
      Session s = stripe.v1().checkout().sessions().retrieve(checkoutSessionId);
      return new CheckoutSessionState(s.getId(), s.getStatus(), s.getPaymentStatus(), s.getPaymentIntent(),
          s.getAmountTotal() == null ? 0 : s.getAmountTotal(), s.getCurrency());
    } catch (StripeException e) {
      throw new LookupFailedException("checkout session lookup failed (" + e.getCode() + ", request "
          + e.getRequestId() + ")", e);
    }
  }
}
