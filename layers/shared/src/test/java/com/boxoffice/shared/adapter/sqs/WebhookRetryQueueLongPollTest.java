package com.boxoffice.shared.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.webhook.WebhookBackoff;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An empty retry queue, drained with the SQS client the functions build (AwsClients: 5 s per
 * attempt, 12 s per call) and a long poll longer than both: the poll waits and comes back empty
 * instead of failing the run with a timeout.
 */
@ExtendWith(LocalAwsExtension.class)
class WebhookRetryQueueLongPollTest {

  @Test
  void aLongPollOnAnEmptyQueueOutlastsTheClientsCallTimeouts(LocalAws aws, LocalResources res) {
    var sqs = new AwsClients(new Env(Map.of("AWS_REGION", LocalAws.REGION.id(),
        "AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString()))).sqs();
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    // Nothing is received, so no event is ever processed.
    var drainer = new WebhookRetryQueueDrainer(sqs, res.queueUrl("WebhookRetryQueue"), null,
        new StripeEventJson(), WebhookBackoff.standard());

    long started = System.nanoTime();
    var report = drainer.drain(() -> 60_000L, Duration.ZERO, 13, 1);

    assertThat(report.received()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
  }
}
