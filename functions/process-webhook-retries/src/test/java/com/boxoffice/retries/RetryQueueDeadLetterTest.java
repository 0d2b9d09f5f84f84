package com.boxoffice.retries;

import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.sqs.WebhookRetryQueueDrainer;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.domain.webhook.WebhookBackoff;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.TemplateResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retry queue end to end on ElasticMQ with the template's redrive policy: a message that
 * always fails is received exactly maxReceiveCount times, then sits in the dead-letter queue;
 * once the cause is fixed, the redrive brings it back and it is processed once.
 */
@ExtendWith(LocalAwsExtension.class)
class RetryQueueDeadLetterTest {
  static final int MAX_RECEIVES = TemplateResources.load().queues().get("WebhookRetryQueue").maxReceiveCount();

  RetryFixture fixture(LocalAws aws, LocalResources res) {
    var f = new RetryFixture(aws, res, Clock.systemUTC());
    f.store.seedPendingOrder(RetryFixture.ORDER, "evt-show", "ga", 2, "cs_test_a1B2c3",
        Instant.now().plusSeconds(1800), "buyer@example.com", 5000);
    new WebhookRetrySqsQueue(aws.sqs(), res.queueUrl("WebhookRetryQueue"))
        .enqueue(StripeEventJson.read(RetryFixture.sample("stripe-webhook/checkout.session.completed.json")));
    return f;
  }

  WebhookRetryQueueDrainer fastDrainer(RetryFixture f) {
    return new WebhookRetryQueueDrainer(f.aws.sqs(), f.res.queueUrl("WebhookRetryQueue"), f.processor,
        new StripeEventJson(),
        receiveCount -> Duration.ZERO);
  }

  int drainUntilDeadLettered(RetryFixture f) {
    int received = 0;
    for (int pass = 0; pass < 3 * MAX_RECEIVES && f.visible("WebhookRetryDeadLetterQueue") == 0; pass++) {
      received += fastDrainer(f).drain(() -> 60_000L, Duration.ZERO, 1, 1).received();
    }
    return received;
  }

  @Test
  void aMessageThatAlwaysFailsEndsInTheDeadLetterQueueAndTheRedriveBringsItBack(LocalAws aws, LocalResources res)
      throws Exception {
    assertThat(MAX_RECEIVES).isEqualTo(7);
    var f = fixture(aws, res);
    f.ordersDown.set(true);

    int received = drainUntilDeadLettered(f);

    assertThat(received).isEqualTo(MAX_RECEIVES);
    assertThat(f.visible("WebhookRetryDeadLetterQueue")).isEqualTo(1);
    assertThat(f.visible("WebhookRetryQueue") + f.hidden("WebhookRetryQueue")).isZero();
    assertThat(f.status("STRIPE_EVENT#evt_test_completed_0001", "LEDGER")).isEqualTo("QUEUED");
    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("pending");

    f.ordersDown.set(false);
    long moved = new DeadLetterRedrive(aws.sqs()).moveWithTask(res.queueUrl("WebhookRetryDeadLetterQueue"),
        res.queueUrl("WebhookRetryQueue"), Duration.ofSeconds(20));
    assertThat(moved).isEqualTo(1);
    assertThat(f.visible("WebhookRetryDeadLetterQueue")).isZero();

    var report = fastDrainer(f).drain(() -> 60_000L, Duration.ZERO, 1, 1);
    assertThat(report.processed()).isEqualTo(1);
    assertThat(f.status("STRIPE_EVENT#evt_test_completed_0001", "LEDGER")).isEqualTo("DONE");
    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("paid");
    assertThat(f.take("EmailQueue")).hasSize(1);
    assertThat(f.visible("WebhookRetryQueue") + f.hidden("WebhookRetryQueue")).isZero();
  }

  @Test
  void theCopyingRedriveKeepsBodyAndAttributes(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res);
    f.ordersDown.set(true);
    drainUntilDeadLettered(f);

    int moved = new DeadLetterRedrive(aws.sqs()).moveByCopy(res.queueUrl("WebhookRetryDeadLetterQueue"),
        res.queueUrl("WebhookRetryQueue"), 100);

    assertThat(moved).isEqualTo(1);
    var back = f.take("WebhookRetryQueue");
    assertThat(back).hasSize(1);
    assertThat(back.get(0).messageAttributes().get("stripeEventId").stringValue()).isEqualTo("evt_test_completed_0001");
    assertThat(StripeEventJson.read(back.get(0).body()).id()).isEqualTo("evt_test_completed_0001");
  }

  @Test
  void aFailedMessageIsHiddenForItsBackoffNotRetriedAtOnce(LocalAws aws, LocalResources res) {
    var f = fixture(aws, res);
    f.ordersDown.set(true);
    var drainer = new WebhookRetryQueueDrainer(aws.sqs(), res.queueUrl("WebhookRetryQueue"), f.processor,
        new StripeEventJson(),
        WebhookBackoff.standard());

    var report = drainer.drain(() -> 60_000L, Duration.ZERO, 1, 1);

    assertThat(report.received()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(f.visible("WebhookRetryQueue")).isZero();
    assertThat(f.hidden("WebhookRetryQueue")).isEqualTo(1);
  }

  @Test
  void theBackoffDoublesFromOneToThirtyTwoMinutesThenHolds() {
    var backoff = WebhookBackoff.standard();
    assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(n -> backoff.delayAfter(n).toMinutes()).toList())
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 32L, 32L);
  }

  @Test
  void theRedriveScriptMovesTheDeadLetterQueueBackThroughTheAwsCli(LocalAws aws, LocalResources res) throws Exception {
    // scripts/install-tools.sh installs the AWS CLI into .tools/bin; a missing one fails here
    // rather than skipping the only test of the operators' redrive script.
    java.nio.file.Path tools = com.boxoffice.testkit.RepoRoot.find().resolve(".tools/bin");
    assertThat(tools.resolve("aws")).as("the AWS CLI: bash scripts/install-tools.sh awscli").isExecutable();
    var f = fixture(aws, res);
    f.ordersDown.set(true);
    drainUntilDeadLettered(f);
    assertThat(f.visible("WebhookRetryDeadLetterQueue")).isEqualTo(1);

    var pb = new ProcessBuilder("bash", "scripts/dlq-redrive.sh", "webhook-retry", "--stage", res.stage(),
        "--endpoint-url", aws.sqsEndpoint().toString())
        .directory(com.boxoffice.testkit.RepoRoot.find().toFile()).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", "local");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().remove("AWS_PROFILE");
    pb.environment().put("PATH", tools + java.io.File.pathSeparator + System.getenv("PATH"));
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("moved 1 message(s) back to boxoffice-webhook-retry-" + res.stage());

    assertThat(f.visible("WebhookRetryDeadLetterQueue")).isZero();
    f.ordersDown.set(false);
    assertThat(fastDrainer(f).drain(() -> 60_000L, Duration.ZERO, 1, 1).processed()).isEqualTo(1);
    assertThat(f.status("ORDER#" + RetryFixture.ORDER, "ORDER")).isEqualTo("paid");
    }
}
