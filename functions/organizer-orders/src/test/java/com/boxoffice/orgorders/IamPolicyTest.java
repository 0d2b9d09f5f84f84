package com.boxoffice.orgorders;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSecretsManager;
import com.boxoffice.testkit.iam.IamCoverage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The organizer-orders function's IAM policy in template.yaml grants exactly what its code uses:
 * every AWS call recorded while this module's tests ran (this class runs last), plus every route
 * driven here through the handler as Lambda builds it, with the QR keys read from Secrets Manager.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class IamPolicyTest {

  @Test
  void theTemplateGrantsOrganizerOrdersEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    var f = new OrgOrdersFixture(aws, res);
    // A ticket type on seat-counter shards, so the restock route reaches them (STOCK#) here too.
    String event = f.event(f.org, "evt-iam", 4);
    String orderId = f.paidOrder(event, 2, "iam@example.com");
    String ticketId = Ticket.idFor(orderId, 1);
    try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      env.put("TABLE_NAME", f.table);
      env.put("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"));
      env.put("EMAIL_QUEUE_URL", f.emailQueue);
      env.put("PUSH_QUEUE_URL", f.pushQueue);
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/qr-signing-keys",
          OrgOrdersFixture.keysJson()));
      env.put("STRIPE_API_BASE", stripe.baseUrl());
      env.put("STRIPE_SECRET_KEY_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/stripe-api-key-organizer",
          StripeMock.API_KEY));
      var handler = new OrganizerOrdersHandler(new Env(env));
      var lambda = new OrgOrdersFixture.Caller(handler, f.org);

      for (String[] route : OrgRoutes.all(event, orderId, ticketId)) {
        var response = lambda.call(route[0], route[1], route[2], "iam-" + route[1]);
        assertThat(response.getStatusCode()).as(route[0] + " " + route[1] + " " + response.getBody()).isLessThan(300);
      }
    }

    assertThat(IamCoverage.problems("OrganizerOrdersFunction")).isEmpty();
  }
}
