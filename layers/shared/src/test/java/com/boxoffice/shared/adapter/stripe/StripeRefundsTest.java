package com.boxoffice.shared.adapter.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.boxoffice.shared.domain.payment.PaymentProviderException;
import com.boxoffice.shared.domain.payment.PaymentProviderException.Kind;
import com.boxoffice.shared.port.out.Refunds;
import com.boxoffice.shared.port.out.Refunds.RefundRequest;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StripeMockExtension.class)
class StripeRefundsTest {
  static final RefundRequest FULL = new RefundRequest("pi_123", null, Refunds.keyFor("pi_123"), List.of(),
      Map.of("orderId", "ord_1", "reason", "payment_mismatch"));

  @Test
  void refundsAPaymentAndListsItsRefundsOnStripeMock(StripeMock stripe) {
    var refunds = new StripeRefunds(StripeCheckoutSessionLookup.client(StripeMock.API_KEY, stripe.baseUrl()));

    String id = refunds.refund(FULL);
    var partial = refunds.refund(new RefundRequest("pi_123", 9000L, "refund-tickets:ord_1:2", List.of("ord_1-2"),
        Map.of("orderId", "ord_1")));

    assertThat(id).startsWith("re_");
    assertThat(partial).startsWith("re_");
    assertThat(refunds.forPayment("pi_123")).isNotEmpty().allSatisfy(r -> assertThat(r.refundId()).startsWith("re_"));
  }

  @Test
  void sendsTheIdempotencyKeyAndNamesTheTicketsInTheMetadata() {
    withStripe(wm -> {
      wm.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200,
          "{\"id\":\"re_1\",\"object\":\"refund\",\"amount\":9000,\"status\":\"succeeded\"}")));
      var refunds = client(wm);

      refunds.refund(new RefundRequest("pi_123", 9000L, "refund-tickets:ord_1:2", List.of("ord_1-2", "ord_1-3"),
          Map.of("orderId", "ord_1")));
      refunds.refund(FULL);

      wm.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
          .withHeader("Idempotency-Key", equalTo("refund-tickets:ord_1:2"))
          .withRequestBody(containing("payment_intent=pi_123"))
          .withRequestBody(containing("amount=9000"))
          .withRequestBody(containing("metadata[ticketIds]=ord_1-2%2Cord_1-3")));
      wm.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
          .withHeader("Idempotency-Key", equalTo("refund-refused-payment:pi_123"))
          .withRequestBody(containing("metadata[reason]=payment_mismatch")));
    });
  }

  @Test
  void aPaymentAlreadyRefundedInFullAnswersWithTheRefundThatExists() {
    withStripe(wm -> {
      wm.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(400,
          "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"charge_already_refunded\",\"message\":\"m\"}}")));
      wm.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "{\"object\":\"list\",\"data\":["
          + "{\"id\":\"re_old\",\"object\":\"refund\",\"amount\":100,\"status\":\"succeeded\","
          + "\"metadata\":{\"ticketIds\":\"\"}}],\"has_more\":false,\"url\":\"/v1/refunds\"}")));

      assertThat(client(wm).refund(FULL)).isEqualTo("re_old");
      assertThat(client(wm).forPayment("pi_123")).singleElement().satisfies(r -> {
        assertThat(r.amount()).isEqualTo(100);
        assertThat(r.active()).isTrue();
        assertThat(r.ticketIds()).as("named, none").isEmpty();
      });
    });
  }

  @Test
  void failuresAreTranslatedSoTheEventIsRetried() {
    withStripe(wm -> {
      wm.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(500,
          "{\"error\":{\"type\":\"api_error\",\"message\":\"m\"}}")));
      var e = catchThrowableOfType(PaymentProviderException.class, () -> client(wm).refund(FULL));
      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    });
  }

  static StripeRefunds client(WireMockServer wm) {
    return new StripeRefunds(com.stripe.StripeClient.builder().setApiKey("sk_test_x").setApiBase(wm.baseUrl())
        .setMaxNetworkRetries(0).build());
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_test").withBody(body);
  }

  static void withStripe(Consumer<WireMockServer> test) {
    var wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    try {
      test.accept(wm);
    } finally {
      wm.stop();
    }
  }
}
