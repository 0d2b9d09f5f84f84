package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.shared.testing.EmfCapture.dimensionSets;
import static com.boxoffice.shared.testing.EmfCapture.metricNames;
import static com.boxoffice.shared.testing.EmfCapture.namespace;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.metrics.EmfCheckoutMetrics;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each checkout request writes one metric line saying how it ended and what its Stripe call did. */
@ExtendWith(LocalAwsExtension.class)
class CheckoutMetricsTest {
  private static final String SESSION = """
      {"id":"cs_test_wm","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/cs_test_wm",
       "client_reference_id":"ord_x","status":"open","payment_status":"unpaid","expires_at":1780000000}""";

  @RegisterExtension
  final LoopbackWireMock stripe = new LoopbackWireMock();

  private CheckoutFixture fixture(LocalAws aws, LocalResources res, int userLimit) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)),
        userLimit, 1000, 1000);
    f.ticketType("general", 3, 2500, 10);
    return f;
  }

  private void stripeAnswers(int status, String body) {
    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  @Test
  void aCreatedOrderCountsOnceWithTheStripeCallsLatencyUnderItsOutcome(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, 1000);
    stripeAnswers(200, SESSION);

    assertThat(f.checkout(body("general", 1), "user-1").getStatusCode()).isEqualTo(201);

    JsonNode line = f.metrics.only();
    assertThat(namespace(line)).isEqualTo("Boxoffice");
    assertThat(dimensionSets(line)).containsExactly(List.of("function"), List.of("function", "outcome"));
    assertThat(line.path("function").asText()).isEqualTo("checkout");
    assertThat(line.path("outcome").asText()).isEqualTo("created");
    assertThat(metricNames(line)).contains(EmfCheckoutMetrics.CHECKOUTS, EmfCheckoutMetrics.ORDERS_CREATED,
        EmfCheckoutMetrics.STRIPE_LATENCY, EmfCheckoutMetrics.CIRCUIT_OPENED);
    assertThat(line.path(EmfCheckoutMetrics.CHECKOUTS).asInt()).isEqualTo(1);
    assertThat(line.path(EmfCheckoutMetrics.ORDERS_CREATED).asInt()).isEqualTo(1);
    assertThat(line.path(EmfCheckoutMetrics.SOLD_OUT).asInt()).isZero();
    assertThat(line.path(EmfCheckoutMetrics.STRIPE_LATENCY).isNumber()).isTrue();
    assertThat(line.path(EmfCheckoutMetrics.STRIPE_UNAVAILABLE).asInt()).isZero();
    assertThat(line.path(EmfCheckoutMetrics.CIRCUIT_OPEN).asInt()).isZero();
    assertThat(line.toString()).as("no order or event id in a metric line").doesNotContain("ord_").doesNotContain(
        CheckoutFixture.EVENT);
  }

  @Test
  void soldOutAndRateLimitedAreCountedWithoutAStripeCall(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, 1);

    assertThat(f.checkout(body("general", 4), "user-1").getStatusCode()).isEqualTo(409);
    JsonNode soldOut = f.metrics.only();
    assertThat(soldOut.path("outcome").asText()).isEqualTo("sold_out");
    assertThat(soldOut.path(EmfCheckoutMetrics.SOLD_OUT).asInt()).isEqualTo(1);
    assertThat(soldOut.path(EmfCheckoutMetrics.ORDERS_CREATED).asInt()).isZero();
    assertThat(metricNames(soldOut)).doesNotContain(EmfCheckoutMetrics.STRIPE_LATENCY);

    f.metrics.clear();
    assertThat(f.checkout(body("general", 1), "user-1").getStatusCode()).isEqualTo(429);
    JsonNode limited = f.metrics.only();
    assertThat(limited.path("outcome").asText()).isEqualTo("rate_limited");
    assertThat(limited.path(EmfCheckoutMetrics.RATE_LIMITED).asInt()).isEqualTo(1);
  }

  @Test
  void theFailureThatOpensTheCircuitSaysSoAndEachFailureIsCountedByClass(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res, 1000);
    stripeAnswers(503, "{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}");

    for (int i = 0; i < 5; i++) {
      assertThat(f.checkout(body("general", 1), "user-" + i).getStatusCode()).isEqualTo(503);
    }

    List<JsonNode> lines = f.metrics.lines();
    assertThat(lines).hasSize(5);
    for (JsonNode line : lines) {
      assertThat(line.path("outcome").asText()).isEqualTo("payment_unavailable");
      assertThat(line.path(EmfCheckoutMetrics.STRIPE_UNAVAILABLE).asInt()).isEqualTo(1);
      assertThat(line.path(EmfCheckoutMetrics.STRIPE_REJECTED).asInt()).isZero();
    }
    assertThat(lines.stream().map(l -> l.path(EmfCheckoutMetrics.CIRCUIT_OPENED).asInt()).toList())
        .containsExactly(0, 0, 0, 0, 1);
    assertThat(lines.get(4).path(EmfCheckoutMetrics.CIRCUIT_OPEN).asInt()).isEqualTo(1);

    f.metrics.clear();
    assertThat(f.checkout(body("general", 1), "user-9").getStatusCode()).isEqualTo(503);
    JsonNode whileOpen = f.metrics.only();
    assertThat(whileOpen.path("outcome").asText()).isEqualTo("payment_unavailable");
    assertThat(metricNames(whileOpen)).as("no call was made while open").doesNotContain(EmfCheckoutMetrics.STRIPE_LATENCY);
  }
}
