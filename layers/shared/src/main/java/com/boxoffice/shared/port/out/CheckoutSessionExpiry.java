package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.SessionState;

/**
 * Ends a checkout session at the payment provider so that nobody can pay it any more, before the
 * seats it was for are given back. A session that can no longer be expired (it completed, or it
 * already expired) is not an error: the answer says where it stands.
 */
@FunctionalInterface
public interface CheckoutSessionExpiry {

  /**
   * Expires the session if it is still open and reports its state afterwards: {@link
   * SessionState#EXPIRED} when it is expired now (by this call or earlier), {@link
   * SessionState#PAID} or {@link SessionState#AWAITING_PAYMENT} when it had already completed.
   *
   * @throws PaymentProviderException when the provider could not be asked or did not say;
   *     nothing may be concluded about the session then
   */
  SessionState expire(String checkoutSessionId);
}
