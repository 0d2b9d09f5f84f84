package com.boxoffice.shared.adapter.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.PaymentProviderException.Kind;
import com.boxoffice.shared.domain.payment.SessionState;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.FreePort;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StripeMockExtension.class)
class StripePaymentGatewayTest {
  private static final CheckoutSessionRequest REQUEST = new CheckoutSessionRequest("ord_1",
      CheckoutSessionRequest.idempotencyKeyFor("ord_1"), "EUR", List.of(new CheckoutSessionRequest.Line("GA", 2500, 2)),
      "ada@example.com", "https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}", "https://shop.example/no",
      Instant.parse("2036-06-01T18:31:00Z"));

  @Test
  void createsAndReadsBackASessionOnStripeMock(StripeMock stripe) {
    var gateway = new StripePaymentGateway(StripePaymentGateway.client(StripeMock.API_KEY, stripe.baseUrl(),
        Duration.ofSeconds(5), 0));

    var created = gateway.createCheckoutSession(REQUEST);
    assertThat(created.id()).startsWith("cs_");
    assertThat(created.url()).startsWith("https://");
    assertThat(created.orderId()).isEqualTo("ord_1");

    var read = gateway.retrieveCheckoutSession(created.id());
    assertThat(read.id()).isEqualTo(created.id());
  }

  @Test
  void stripeFailuresAreTranslatedIntoTheTwoKinds() {
    var wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    try {
      // Long enough for a stub's answer on a loaded machine; the read-timeout case below uses its own.
      var gateway = new StripePaymentGateway(StripePaymentGateway.client("sk_test_x", wm.baseUrl(), Duration.ofSeconds(5), 0));
      Map<Integer, Kind> expected = Map.of(400, Kind.REJECTED, 401, Kind.REJECTED, 402, Kind.REJECTED,
          409, Kind.REJECTED, 429, Kind.UNAVAILABLE, 500, Kind.UNAVAILABLE, 503, Kind.UNAVAILABLE);
      expected.forEach((status, kind) -> {
        wm.resetAll();
        wm.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(status)
            .withHeader("Request-Id", "req_" + status)
            .withBody("{\"error\":{\"type\":\"" + (status == 402 ? "card_error" : "invalid_request_error")
                + "\",\"code\":\"c" + status + "\",\"message\":\"m\"}}")));
        var e = catchThrowableOfType(PaymentProviderException.class, () -> gateway.createCheckoutSession(REQUEST));
        assertThat(e.kind()).as("HTTP " + status).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.providerRequestId()).isEqualTo("req_" + status);
      });

      wm.resetAll();
      wm.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)
          .withBody("{}")));
      var impatient = new StripePaymentGateway(StripePaymentGateway.client("sk_test_x", wm.baseUrl(), Duration.ofMillis(500), 0));
      assertThat(catchThrowableOfType(PaymentProviderException.class, () -> impatient.createCheckoutSession(REQUEST)).kind())
          .as("read timeout").isEqualTo(Kind.UNAVAILABLE);
    } finally {
      wm.stop();
    }
    var refused = new StripePaymentGateway(StripePaymentGateway.client("sk_test_x", "http://127.0.0.1:" + FreePort.pick(),
        Duration.ofMillis(500), 0));
    assertThat(catchThrowableOfType(PaymentProviderException.class, () -> refused.createCheckoutSession(REQUEST)).kind())
        .as("connection refused").isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void expiresASessionOnStripeMock(StripeMock stripe) {
    var gateway = new StripePaymentGateway(StripePaymentGateway.client(StripeMock.API_KEY, stripe.baseUrl(),
        Duration.ofSeconds(5), 0));
    var created = gateway.createCheckoutSession(REQUEST);

    // stripe-mock checks the path, method, key and form encoding against Stripe's OpenAPI spec.
    assertThat(gateway.expire(created.id())).isEqualTo(SessionState.EXPIRED);
  }

  @Test
  void aSessionStripeWillNotExpireIsReadBackToSayWhatItIs() {
    var wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    try {
      var gateway = new StripePaymentGateway(StripePaymentGateway.client("sk_test_x", wm.baseUrl(), Duration.ofSeconds(5), 0));
      Map<String, SessionState> expected = Map.of(
          "complete/paid", SessionState.PAID,
          "complete/no_payment_required", SessionState.PAID,
          "complete/unpaid", SessionState.AWAITING_PAYMENT,
          "expired/unpaid", SessionState.EXPIRED);
      expected.forEach((pair, state) -> {
        wm.resetAll();
        String[] sp = pair.split("/");
        notExpirable(wm, "cs_1");
        wm.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_1")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody("{\"id\":\"cs_1\",\"object\":\"checkout.session\","
                + "\"status\":\"" + sp[0] + "\",\"payment_status\":\"" + sp[1] + "\"}")));

        assertThat(gateway.expire("cs_1")).as(pair).isEqualTo(state);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_1/expire")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_1")));
      });

      // Stripe unreachable for the expire call, or for the read-back: nothing is concluded.
      wm.resetAll();
      wm.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/cs_1/expire")).willReturn(aResponse().withStatus(500)
          .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"m\"}}")));
      assertThat(catchThrowableOfType(PaymentProviderException.class, () -> gateway.expire("cs_1")).kind())
          .isEqualTo(Kind.UNAVAILABLE);
      wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_1")));

      wm.resetAll();
      notExpirable(wm, "cs_1");
      wm.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_1")).willReturn(aResponse().withStatus(503)
          .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"m\"}}")));
      assertThat(catchThrowableOfType(PaymentProviderException.class, () -> gateway.expire("cs_1")).kind())
          .isEqualTo(Kind.UNAVAILABLE);

      // A key Stripe refuses is not a statement about the session.
      wm.resetAll();
      wm.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/cs_1/expire")).willReturn(aResponse().withStatus(401)
          .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}")));
      assertThat(catchThrowableOfType(PaymentProviderException.class, () -> gateway.expire("cs_1")).kind())
          .isEqualTo(Kind.REJECTED);
      wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/checkout/sessions/cs_1")));
    } finally {
      wm.stop();
    }
  }

  /** Stripe's answer to expiring a session that is not open any more. */
  private static void notExpirable(WireMockServer wm, String sessionId) {
    wm.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/" + sessionId + "/expire")).willReturn(aResponse()
        .withStatus(400).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_400")
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Only Checkout Sessions with a"
            + " status in [\\\"open\\\"] can be expired.\"}}")));
  }
}
