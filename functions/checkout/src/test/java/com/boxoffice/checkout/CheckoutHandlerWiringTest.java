package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler as the local runner builds it: from an environment, with real clients. */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class CheckoutHandlerWiringTest {

  @BeforeAll
  static void localCredentials() {
    TestEnvironments.useLocalCredentials();
  }

  private static Map<String, String> env(LocalAws aws, LocalResources res, StripeMock stripe) {
    Map<String, String> env = TestEnvironments.onLocalAws(aws, res);
    env.put("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"));
    env.put("STRIPE_SECRET_KEY", StripeMock.API_KEY);
    env.put("STRIPE_API_BASE", stripe.baseUrl());
    env.put("CHECKOUT_SUCCESS_URL", "http://127.0.0.1:3000/local/paid?session_id={CHECKOUT_SESSION_ID}");
    env.put("CHECKOUT_CANCEL_URL", "http://127.0.0.1:3000/local/cancelled");
    env.put("QR_SIGNING_KEYS", "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
        + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}");
    return env;
  }

  @Test
  void theEnvironmentConstructorWiresARealCheckout(LocalAws aws, LocalResources res, StripeMock stripe) {
    new DynamoCatalog(aws.dynamo(), res.table("BoxofficeTable")).seedDemoEvent(Instant.now());
    var handler = new CheckoutHandler(new Env(env(aws, res, stripe)));

    var r = handler.handleRequest(CheckoutFixture.event("POST", "/v1/checkout", "POST /v1/checkout", Map.of(),
        "{\"eventId\":\"evt-demo\",\"items\":[{\"ticketTypeId\":\"vip\",\"quantity\":2}],\"email\":\"ada@example.com\","
            + "\"name\":\"Ada\"}", "buyer-demo", "127.0.0.1", Map.of()), null);

    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(201);
    assertThat(json(r).get("amountTotal").asLong()).isEqualTo(18_000);
  }

  @Test
  void aMissingOrMalformedSettingIsAnsweredAsAConfigurationErrorThatNamesNoSetting(LocalAws aws, LocalResources res, StripeMock stripe) {
    var env = env(aws, res, stripe);
    env.put("HOLD_MINUTES", "10");
    var handler = new CheckoutHandler(new Env(env));

    var r = handler.handleRequest(CheckoutFixture.event("POST", "/v1/checkout", "POST /v1/checkout", Map.of(), "{}",
        "buyer-demo", "127.0.0.1", Map.of()), null);

    assertThat(r.getStatusCode()).isEqualTo(503);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("configuration_error");
    assertThat(r.getBody()).doesNotContain("HOLD_MINUTES");

    env.put("HOLD_MINUTES", "30");
    env.put("CHECKOUT_CANCEL_URL", "not a url");
    var bad = new CheckoutHandler(new Env(env)).handleRequest(CheckoutFixture.event("GET", "/v1/orders/x",
        "GET /v1/orders/{orderId}", Map.of("orderId", "x"), null, "buyer-demo", "127.0.0.1", Map.of()), null);
    assertThat(json(bad).at("/error/code").asText()).isEqualTo("configuration_error");
    assertThat(bad.getBody()).doesNotContain("CHECKOUT_CANCEL_URL");
  }
}
