package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.config.Env;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSecretsManager;
import com.boxoffice.testkit.iam.IamCoverage;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checkout function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus its main paths driven
 * here through the handler as Lambda builds it, with its secrets read from Secrets Manager: a
 * checkout under an Idempotency-Key, its replay, the order read back, the health route's table
 * probe, and a checkout Stripe cannot take, whose key is released.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {
  private static final String BODY = "{\"eventId\":\"evt-demo\",\"items\":[{\"ticketTypeId\":\"vip\",\"quantity\":1}],"
      + "\"email\":\"ada@example.com\",\"name\":\"Ada\"}";

  @Test
  void theTemplateGrantsCheckoutEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    new DynamoCatalog(aws.dynamo(), res.table("BoxofficeTable")).seedDemoEvent(Instant.now());
    WireMockServer stripe = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    stripe.start();
    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("""
            {"id":"cs_test_iam","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/cs_test_iam",
             "status":"open","payment_status":"unpaid","expires_at":1780000000}""")));
    try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      env.put("TABLE_NAME", res.table("BoxofficeTable"));
      env.put("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"));
      env.put("STRIPE_API_BASE", "http://127.0.0.1:" + stripe.port());
      env.put("CHECKOUT_SUCCESS_URL", "http://127.0.0.1:3000/local/paid?session_id={CHECKOUT_SESSION_ID}");
      env.put("CHECKOUT_CANCEL_URL", "http://127.0.0.1:3000/local/cancelled");
      env.put("STRIPE_SECRET_KEY_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/stripe-api-key",
          "sk_test_iam"));
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/qr-signing-keys",
          "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + Base64.getEncoder().encodeToString(new byte[32])
              + "\"}}}"));
      var handler = new CheckoutHandler(new Env(env));

      var created = handler.handleRequest(checkout("key-1"), null);
      var replayed = handler.handleRequest(checkout("key-1"), null);
      String orderId = json(created).get("orderId").asText();
      var order = handler.handleRequest(CheckoutFixture.event("GET", "/v1/orders/" + orderId,
          "GET /v1/orders/{orderId}", Map.of("orderId", orderId), null, "buyer-iam", "127.0.0.1", Map.of()), null);

      assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
      assertThat(replayed.getHeaders()).containsEntry("Idempotent-Replayed", "true");
      assertThat(order.getStatusCode()).as(order.getBody()).isEqualTo(200);
      var health = handler.handleRequest(CheckoutFixture.event("GET", "/v1/health", "GET /v1/health", Map.of(), null,
          null, "127.0.0.1", Map.of()), null);
      assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(200);

      env.put("STRIPE_API_BASE", "http://127.0.0.1:1");
      var unreachable = new CheckoutHandler(new Env(env)).handleRequest(checkout("key-2"), null);
      assertThat(unreachable.getStatusCode()).as(unreachable.getBody()).isEqualTo(503);
    } finally {
      stripe.stop();
    }

    assertThat(IamCoverage.problems("CheckoutFunction")).isEmpty();
  }

  private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent checkout(String key) {
    return CheckoutFixture.event("POST", "/v1/checkout", "POST /v1/checkout", Map.of(), BODY, "buyer-iam",
        "127.0.0.1", Map.of("idempotency-key", key));
  }
}
