package com.boxoffice.shared.adapter.stripe;

import com.boxoffice.shared.domain.payment.CheckoutSession;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.port.out.CheckoutSessionExpiry;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.PaymentProviderException.Kind;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@link PaymentGateway} on Stripe Checkout, through one {@link StripeClient} built at init with
 * explicit timeouts (well under API Gateway's 29 s), few or no network retries of its own (the
 * circuit breaker decides when to stop calling) and an optional API base (stripe-mock, WireMock).
 * Stripe's exceptions are translated here: connection failures and timeouts, 429 and 5xx become
 * {@link Kind#UNAVAILABLE}; everything else (invalid request, card, authentication, permission,
 * idempotency key reuse) becomes {@link Kind#REJECTED}.
 *
 * <p>It is also the {@link CheckoutSessionExpiry} the hold sweep uses: {@code POST
 * /v1/checkout/sessions/{id}/expire}, and when Stripe refuses that (only an open session can be
 * expired) the session is read back to say whether it completed or had already expired.
 */
public final class StripePaymentGateway implements PaymentGateway, CheckoutSessionExpiry {
  private final StripeClient stripe;

  public StripePaymentGateway(StripeClient stripe) {
    this.stripe = stripe;
  }

  /** The one client a container uses; {@code apiBase} null means Stripe itself. */
  public static StripeClient client(String apiKey, String apiBase, Duration timeout, int maxNetworkRetries) {
    var b = StripeClient.builder()
        .setApiKey(apiKey)
        .setConnectTimeout((int) timeout.toMillis())
        .setReadTimeout((int) timeout.toMillis())
        .setMaxNetworkRetries(maxNetworkRetries);
    if (apiBase != null) {
      b.setApiBase(apiBase);
    }
    return b.build();
  }

  @Override
  public CheckoutSession createCheckoutSession(CheckoutSessionRequest r) {
    var params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setClientReferenceId(r.orderId())
        .setSuccessUrl(r.successUrl())
        .setCancelUrl(r.cancelUrl())
        .setExpiresAt(r.expiresAt().getEpochSecond())
        .putMetadata("orderId", r.orderId())
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("orderId", r.orderId()).build());
    if (r.customerEmail() != null) {
      params.setCustomerEmail(r.customerEmail());
    }
    for (var line : r.lines()) {
      params.addLineItem(SessionCreateParams.LineItem.builder()
          .setQuantity((long) line.quantity())
          .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
              .setCurrency(r.currency().toLowerCase(Locale.ROOT))
              .setUnitAmount(line.unitAmount())
              .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(line.name()).build())
              .build())
          .build());
    }
    try {
      Session s = stripe.v1().checkout().sessions().create(params.build(),
          RequestOptions.builder().setIdempotencyKey(r.idempotencyKey()).build());
      return toSession(s);
    } catch (StripeException e) {
      throw translate(e);
    }
  }

  @Override
  public CheckoutSession retrieveCheckoutSession(String sessionId) {
    try {
      return toSession(stripe.v1().checkout().sessions().retrieve(sessionId));
    } catch (StripeException e) {
      throw translate(e);
    }
  }

  @Override
  public SessionState expire(String sessionId) {
    try {
      // No key of our own: expiring is idempotent in effect (a repeat is refused and read back
      // below), and Stripe would replay a stored 5xx for a fixed key for a day.
      stripe.v1().checkout().sessions().expire(sessionId);
      // A 2xx means the session is expired now; the body of a replayed call may lag behind.
      return SessionState.EXPIRED;
    } catch (StripeException e) {
      PaymentProviderException translated = translate(e);
      if (translated.retryable() || e instanceof AuthenticationException || e instanceof PermissionException) {
        throw translated;
      }
      // Refused: most likely no longer open (complete, or expired already). Ask what it is.
    }
    try {
      Session s = stripe.v1().checkout().sessions().retrieve(sessionId);
      return SessionState.of(s.getStatus(), s.getPaymentStatus());
    } catch (StripeException e) {
      throw translate(e);
    }
  }

  private static CheckoutSession toSession(Session s) {
    String orderId = s.getClientReferenceId();
    if (orderId == null && s.getMetadata() != null) {
      orderId = s.getMetadata().get("orderId");
    }
    return new CheckoutSession(s.getId(), s.getUrl(), orderId, s.getStatus(), s.getPaymentStatus(),
        s.getPaymentIntent(), s.getAmountTotal(), s.getCurrency(),
        s.getExpiresAt() == null ? null : Instant.ofEpochSecond(s.getExpiresAt()));
  }

  static PaymentProviderException translate(StripeException e) {
    Integer status = e.getStatusCode();
    boolean unavailable = e instanceof ApiConnectionException
        || e instanceof RateLimitException
        || (status != null && (status == 429 || status >= 500))
        || (e instanceof ApiException && (status == null || status >= 500));
    Kind kind = unavailable ? Kind.UNAVAILABLE : Kind.REJECTED;
    return new PaymentProviderException(kind, "Stripe " + e.getClass().getSimpleName() + (status == null ? "" : " " + status),
        status, e.getCode(), e.getRequestId(), e);
  }
}
