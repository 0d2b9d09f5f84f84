package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.FreePort;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stripe failing in each way it can, played by WireMock: the buyer is told plainly, and no seat leaks. */
@ExtendWith(LocalAwsExtension.class)
class PaymentProviderFailureTest {
  private static final String SESSION = """
      {"id":"cs_test_wm","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/cs_test_wm",
       "client_reference_id":"ord_x","status":"open","payment_status":"unpaid","expires_at":1780000000}""";

  @RegisterExtension
  final LoopbackWireMock stripe = new LoopbackWireMock();

  /** A client timeout the stub answers well within, even on a loaded machine. */
  private CheckoutFixture fixture(LocalAws aws, LocalResources res, String base) {
    return fixture(aws, res, base, Duration.ofSeconds(5));
  }

  private CheckoutFixture fixture(LocalAws aws, LocalResources res, String base, Duration timeout) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(base, timeout));
    f.ticketType("general", 10, 2500, 10);
    return f;
  }

  private static MappingBuilder createSession() {
    return post(urlPathEqualTo("/v1/checkout/sessions"));
  }

  private static void assertUnavailable(APIGatewayV2HTTPResponse r) {
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(503);
    var error = json(r).get("error");
    assertThat(error.get("code").asText()).isEqualTo("payment_provider_unavailable");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(error.get("message").asText()).contains("card has not been charged");
  }

  @Test
  void aTimeoutA500A429AndARefusedConnectionEachAnswer503AndReleaseTheSeats(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, stripe.baseUrl(), Duration.ofMillis(700));

    stripe.stubFor(createSession().willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody(SESSION)));
    assertUnavailable(f.checkout(body("general", 2), "user-1"));
    assertThat(f.inventory("general")).containsExactly(0, 0, 10);

    stripe.resetAll();
    stripe.stubFor(createSession().willReturn(aResponse().withStatus(500)
        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
    assertUnavailable(f.checkout(body("general", 2), "user-2"));
    assertThat(f.inventory("general")).containsExactly(0, 0, 10);

    stripe.resetAll();
    stripe.stubFor(createSession().willReturn(aResponse().withStatus(429)
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\",\"message\":\"slow down\"}}")));
    assertUnavailable(f.checkout(body("general", 2), "user-3"));
    assertThat(f.inventory("general")).containsExactly(0, 0, 10);

    var refusing = new CheckoutFixture(aws, res,
        CheckoutFixture.stripeAt("http://127.0.0.1:" + FreePort.pick(), Duration.ofMillis(700)));
    assertUnavailable(refusing.checkout(body("general", 2), "user-4"));
    assertThat(f.inventory("general")).containsExactly(0, 0, 10);

    assertThat(f.dynamo.scan(b -> b.tableName(f.table)).items().stream()
        .filter(i -> i.get("pk").s().startsWith("ORDER#"))
        .map(i -> i.get("status").s()).distinct().toList())
        .as("every attempted order was cancelled, none left pending").containsExactly("cancelled");
  }

  @Test
  void theRequestCarriesTheOrderAndAKeyDerivedFromIt(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, stripe.baseUrl());
    stripe.stubFor(createSession().willReturn(aResponse().withStatus(200).withBody(SESSION)));

    var r = f.checkout(body("general", 2), "user-1");

    assertThat(r.getStatusCode()).isEqualTo(201);
    String orderId = json(r).get("orderId").asText();
    long expiresAt = java.time.Instant.parse(json(r).get("expiresAt").asText()).getEpochSecond();
    stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
        .withHeader("Idempotency-Key", equalTo("checkout-session:" + orderId))
        .withFormParam("client_reference_id", equalTo(orderId))
        .withFormParam("metadata[orderId]", equalTo(orderId))
        .withFormParam("payment_intent_data[metadata][orderId]", equalTo(orderId))
        .withFormParam("expires_at", equalTo(Long.toString(expiresAt)))
        .withFormParam("success_url", equalTo("https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}"))
        .withFormParam("cancel_url", equalTo("https://shop.example/cancelled")));
  }

  @Test
  void anInvalidRequestIsNotRetriedAndAnswers502(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, stripe.baseUrl());
    stripe.stubFor(createSession().willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad currency\",\"param\":\"currency\"}}")));

    var r = f.checkout(body("general", 2), "user-1");

    assertThat(r.getStatusCode()).isEqualTo(502);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("payment_provider_rejected");
    assertThat(json(r).at("/error/retryable").asBoolean()).isFalse();
    assertThat(f.inventory("general")).containsExactly(0, 0, 10);
    stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
    assertThat(f.breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void theCircuitOpensAfterFiveFailuresAndClosesAfterTheCoolDown(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, stripe.baseUrl());
    stripe.stubFor(createSession().willReturn(aResponse().withStatus(503)
        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}")));
    for (int i = 0; i < 5; i++) {
      assertUnavailable(f.checkout(body("general", 1), "user-" + i));
    }
    assertThat(f.breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

    var whileOpen = f.checkout(body("general", 1), "user-9");
    assertUnavailable(whileOpen);
    assertThat(whileOpen.getHeaders()).containsEntry("Retry-After", "30");
    stripe.verify(5, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
    assertThat(f.count("ORDER#")).as("no seats were held while open").isEqualTo(5);
    assertThat(f.inventory("general")).containsExactly(0, 0, 10);

    stripe.resetAll();
    stripe.stubFor(createSession().willReturn(aResponse().withStatus(200).withBody(SESSION)));
    f.clock.advance(Duration.ofSeconds(30));
    assertThat(f.breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

    var trial = f.checkout(body("general", 1), "user-10");
    assertThat(trial.getStatusCode()).isEqualTo(201);
    assertThat(f.breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(f.checkout(body("general", 1), "user-11").getStatusCode()).isEqualTo(201);
    stripe.verify(2, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
    assertThat(f.inventory("general")).containsExactly(2, 0, 8);
  }
}
