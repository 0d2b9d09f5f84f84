package com.boxoffice.webhook;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSecretsManager;
import com.boxoffice.testkit.iam.IamCoverage;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus its main paths driven
 * here through the handler as Lambda builds it, with its secrets read from Secrets Manager: an
 * event that cannot be processed yet is queued for retry, a payment fulfils its order and queues
 * the confirmation, and a second delivery is a duplicate.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheWebhookFunctionEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
      var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
      orders.seedTicketType("evt-show", "ga", "General admission", 100);
      orders.seedPendingOrder(StripeWebhookHandlerWiringTest.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3",
          Instant.now().plusSeconds(1800), "buyer@example.com", 5000);
      var env = StripeWebhookHandlerWiringTest.env(aws, res);
      env.remove("STRIPE_WEBHOOK_SECRETS");
      env.remove("QR_SIGNING_KEYS");
      String stripeKey = env.remove("STRIPE_SECRET_KEY");
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      env.put("STRIPE_WEBHOOK_SECRETS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/stripe-webhook-secrets",
          StripeWebhookHandlerWiringTest.SECRET));
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/qr-signing-keys",
          StripeWebhookHandlerWiringTest.KEYS));
      env.put("STRIPE_SECRET_KEY_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/stripe-api-key-webhook",
          stripeKey));
      var handler = new StripeWebhookHandler(new Env(env));

      var early = StripeWebhookHandlerWiringTest.deliver(handler, "charge.refunded.json");
      var paid = StripeWebhookHandlerWiringTest.deliver(handler, "checkout.session.completed.json");
      var again = StripeWebhookHandlerWiringTest.deliver(handler, "checkout.session.completed.json");

      assertThat(json(early).path("queued").asBoolean()).isTrue();
      assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(200);
      assertThat(json(again).path("duplicate").asBoolean()).isTrue();
    }

    assertThat(IamCoverage.problems("StripeWebhookFunction")).isEmpty();
  }
}
