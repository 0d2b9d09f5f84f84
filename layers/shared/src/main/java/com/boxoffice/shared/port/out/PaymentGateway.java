package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.CheckoutSession;

/**
 * The payment provider as the domain needs it: create a hosted checkout session for an order and
 * read one back (the reconciliation job settles orders whose webhook never came). Implementations
 * translate every provider failure into a {@link PaymentProviderException} of the right kind.
 */
public interface PaymentGateway {

  /**
   * Creates the session, or returns the one already created for the same order: the request's
   * idempotency key makes a repeated call safe.
   */
  CheckoutSession createCheckoutSession(CheckoutSessionRequest request);

  CheckoutSession retrieveCheckoutSession(String sessionId);
}
