package com.boxoffice.retries;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSecretsManager;
import com.boxoffice.testkit.iam.IamCoverage;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retry function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus its three tasks driven
 * here through the handler as Lambda builds it, with its secrets read from Secrets Manager.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheRetryFunctionEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    WireMockServer stripe = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    stripe.start();
    try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
      var f = new RetryFixture(aws, res, Clock.systemUTC());
      Map<String, String> env = new HashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      env.put("TABLE_NAME", res.table("BoxofficeTable"));
      env.put("EMAIL_QUEUE_URL", res.queueUrl("EmailQueue"));
    env.put("PUSH_QUEUE_URL", res.queueUrl("PushQueue"));
      env.put("WEBHOOK_RETRY_QUEUE_URL", res.queueUrl("WebhookRetryQueue"));
      env.put("STRIPE_API_BASE", "http://127.0.0.1:" + stripe.port());
      env.put("STRIPE_SECRET_KEY_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/stripe-api-key-retries", "rk_test_iam"));
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/qr-signing-keys",
          ProcessWebhookRetriesHandlerWiringTest.KEYS));
      var handler = new ProcessWebhookRetriesHandler(new Env(env));

      // retries: one event fulfils its order, one message is not an event and is backed off.
      f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3",
          Instant.now().plusSeconds(1800), "buyer@example.com", 5000);
      new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
          .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
      aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("WebhookRetryQueue")).messageBody("not an event"));
      var retried = handler.handleRequest(Map.of("task", "retries"), RetryFixture.context(14_000));
      assertThat(retried).containsEntry("processed", 1).containsEntry("failed", 1);

      // reconcile: a pending order whose session Stripe reports paid.
      f.store.seedPendingOrder("ord_0000000000000000000000e1", "evt-show", "ga", 1, "cs_dropped",
          Instant.now().minus(Duration.ofMinutes(5)), "dropped@example.com", 2500);
      stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_dropped")).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"id\":\"cs_dropped\",\"object\":\"checkout.session\",\"status\":\"complete\","
              + "\"payment_status\":\"paid\",\"payment_intent\":\"pi_dropped\",\"amount_total\":2500,"
              + "\"currency\":\"eur\",\"mode\":\"payment\"}")));
      assertThat(handler.handleRequest(Map.of("task", "reconcile"), RetryFixture.context(60_000)))
          .containsEntry("paid", 1);

      // sweep-holds: a hold whose session Stripe expires on request is released.
      f.store.seedPendingOrder("ord_0000000000000000000000e2", "evt-show", "ga", 1, "cs_swept",
          Instant.now().minus(Duration.ofHours(1)), "late@example.com", 2500);
      stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions/cs_swept/expire")).willReturn(aResponse()
          .withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("{\"id\":\"cs_swept\",\"object\":\"checkout.session\",\"status\":\"expired\","
              + "\"payment_status\":\"unpaid\",\"amount_total\":2500,\"currency\":\"eur\",\"mode\":\"payment\"}")));
      assertThat(handler.handleRequest(Map.of("task", "sweep-holds"), RetryFixture.context(60_000)))
          .containsEntry("examined", 1).containsEntry("released", 1).containsEntry("failed", 0);
      assertThat(f.status("ORDER#ord_0000000000000000000000e2", "ORDER")).isNotEqualTo("pending");
    } finally {
      stripe.stop();
    }

    assertThat(IamCoverage.problems("ProcessWebhookRetriesFunction")).isEmpty();
  }
}
