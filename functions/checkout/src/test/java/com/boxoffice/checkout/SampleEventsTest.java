package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON events in events/checkout/ (also used by sam local invoke) run through the real handler. */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class SampleEventsTest {

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(RepoRoot.find().resolve("events/checkout").resolve(name).toString());
  }

  private static APIGatewayV2HTTPEvent forOrder(APIGatewayV2HTTPEvent e, String prefix, String orderId) {
    e.setRawPath(prefix + orderId);
    e.setPathParameters(Map.of("orderId", orderId));
    return e;
  }

  @Test
  void theSignedInAndGuestSamplesBuyAndReadTheirOrders(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)));
    f.catalog.seedDemoEvent(f.clock.instant());

    var signedIn = f.handler.handleRequest(load("checkout-signed-in.json"), null);
    assertThat(signedIn.getStatusCode()).as(signedIn.getBody()).isEqualTo(201);
    assertThat(json(signedIn).get("amountTotal").asLong()).isEqualTo(2 * 2500 + 9000);
    String orderId = json(signedIn).get("orderId").asText();
    assertThat(f.orderItem(orderId).get("email").s()).as("the email claim stands in for a missing body email")
        .isEqualTo("ada@example.com");
    var replay = f.handler.handleRequest(load("checkout-signed-in.json"), null);
    assertThat(replay.getBody()).isEqualTo(signedIn.getBody());

    var mine = f.handler.handleRequest(forOrder(load("get-order.json"), "/v1/orders/", orderId), null);
    assertThat(mine.getStatusCode()).isEqualTo(200);
    assertThat(json(mine).get("items")).hasSize(2);
    var sampleAsIs = f.handler.handleRequest(load("get-order.json"), null);
    assertThat(sampleAsIs.getStatusCode()).isEqualTo(404);

    var guest = f.handler.handleRequest(load("checkout-guest.json"), null);
    assertThat(guest.getStatusCode()).as(guest.getBody()).isEqualTo(201);
    String guestOrder = json(guest).get("orderId").asText();
    var read = forOrder(load("get-guest-order.json"), "/v1/guest/orders/", guestOrder);
    assertThat(f.handler.handleRequest(read, null).getStatusCode()).as("the placeholder token").isEqualTo(404);
    var headers = new HashMap<>(read.getHeaders());
    headers.put("x-order-token", json(guest).get("accessToken").asText());
    read.setHeaders(headers);
    var guestView = f.handler.handleRequest(read, null);
    assertThat(guestView.getStatusCode()).isEqualTo(200);
    assertThat(json(guestView).get("status").asText()).isEqualTo("pending");
  }

  @Test
  void theHealthSampleNeedsNoTokenAndFindsTheTable(LocalAws aws, LocalResources res, StripeMock stripe) {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(5)));

    var health = f.handler.handleRequest(load("health.json"), null);

    assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(200);
    assertThat(health.getBody()).isEqualTo("{\"status\":\"ok\",\"version\":\"" + CheckoutFixture.VERSION
        + "\",\"checks\":{\"configuration\":\"ok\",\"table\":\"ok\"}}");
    assertThat(health.getHeaders()).containsEntry("Cache-Control", "no-store")
        .containsEntry("X-Request-Id", "sample-health");
  }
}
