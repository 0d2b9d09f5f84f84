package com.boxoffice.shared.adapter.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The webhook accepts a session as an order's own only by the session id stored at checkout, or,
 * without one, by our metadata; and it recognises refunds of our payments by the metadata Stripe
 * copies from the payment intent to its charge. So checkout must put the order id on both.
 */
class CheckoutSessionMetadataTest {

  @Test
  void checkoutPutsTheOrderIdOnTheSessionAndOnItsPaymentIntent() {
    StripeRefundsTest.withStripe(wm -> {
      wm.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_1")
          .withBody("{\"id\":\"cs_1\",\"object\":\"checkout.session\",\"client_reference_id\":\"ord_1\","
              + "\"url\":\"https://checkout.stripe.test/cs_1\",\"status\":\"open\",\"payment_status\":\"unpaid\"}")));
      var gateway = new StripePaymentGateway(StripePaymentGateway.client("sk_test_x", wm.baseUrl(),
          Duration.ofSeconds(5), 0));

      gateway.createCheckoutSession(new CheckoutSessionRequest("ord_1", CheckoutSessionRequest.idempotencyKeyFor("ord_1"),
          "EUR", List.of(new CheckoutSessionRequest.Line("GA", 2500, 1)), null, "https://shop.example/ok",
          "https://shop.example/no", Instant.parse("2036-06-01T18:31:00Z")));

      wm.verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
          .withRequestBody(containing("client_reference_id=ord_1"))
          .withRequestBody(containing("metadata[orderId]=ord_1"))
          .withRequestBody(containing("payment_intent_data[metadata][orderId]=ord_1")));
    });
  }
}
