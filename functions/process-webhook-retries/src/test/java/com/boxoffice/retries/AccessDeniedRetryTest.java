package com.boxoffice.retries;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.adapter.sqs.WebhookRetryQueueDrainer;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.WebhookBackoff;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.testing.GuardedOrderPayments;
import com.boxoffice.shared.testing.memory.InMemoryRefunds;
import com.boxoffice.shared.testing.FixedTicketCodes;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A Stripe event whose processing DynamoDB refuses with AccessDenied is not retried on the growing
 * transient schedule: the run counts it, stops after the batch, and hides the message for the
 * longest step, so it keeps its receives until the policy is fixed.
 */
@ExtendWith(LocalAwsExtension.class)
class AccessDeniedRetryTest {

  @Test
  void anAccessDeniedStopsTheRunAndParksTheEventForTheLongestStep(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    OrderPayments denied = new GuardedOrderPayments(f.store, () -> {
      throw (DynamoDbException) DynamoDbException.builder().statusCode(400).message("not authorized")
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
    });
    var processor = new StripeEventProcessor(new DynamoStripeEventLedger(aws.dynamo(), f.table()), denied,
        new FixedTicketCodes(), new EmailSqsOutbox(aws.sqs(), res.queueUrl("EmailQueue")), new InMemoryRefunds(),
        PaymentMetrics.none(), Clock.systemUTC(), Duration.ofSeconds(60));
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.expired.json")));
    // One second per minute of the standard steps: the longest step is 32 s, the first 1 s.
    var drainer = new WebhookRetryQueueDrainer(aws.sqs(), res.queueUrl("WebhookRetryQueue"), processor,
        new StripeEventJson(), WebhookBackoff.doublingFrom(Duration.ofSeconds(1)));

    var report = drainer.drain(() -> 30_000, Duration.ofSeconds(10), 1, 3);

    assertThat(report.accessDenied()).isEqualTo(1);
    assertThat(report.received()).isEqualTo(1);
    assertThat(f.hidden("WebhookRetryQueue")).isEqualTo(1);
    // Past the first step's second the message is still hidden: it waits the longest step.
    var again = drainer.drain(() -> 13_500, Duration.ofSeconds(10), 3, 1);
    assertThat(again.received()).isZero();
  }
}
