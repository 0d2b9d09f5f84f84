package com.boxoffice.shared.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.template.HandlebarsEmailTemplates;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.email.EmailBackoff;
import com.boxoffice.shared.domain.email.EmailDelivery;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.port.out.Mailer;
import com.boxoffice.shared.port.out.RateLimiter;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.shared.testing.memory.InMemoryEmailLedger;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import com.boxoffice.shared.testing.memory.InMemorySendPacer;
import com.boxoffice.shared.testing.memory.InMemorySuppressionList;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drain does not wait for a batch to finish before it receives the next: as soon as one mail
 * of a batch is done, another message is received and started while the rest of the batch still
 * waits (for its pacer slot in production; here, for the test to let the mailer answer).
 */
@ExtendWith(LocalAwsExtension.class)
class EmailQueuePipelineTest {
  private static final int CONCURRENCY = 10;
  private static final int JOBS = 15;

  /** A mailer that answers only when the test lets it, and says which sends have started. */
  static final class GatedMailer implements Mailer {
    final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    final Semaphore answers = new Semaphore(0);
    final AtomicInteger finished = new AtomicInteger();
    final Set<String> sentTo = ConcurrentHashMap.newKeySet();

    @Override
    public String send(String from, String to, byte[] mime, String template) throws MailerException {
      started.add(to);
      answers.acquireUninterruptibly();
      sentTo.add(to);
      finished.incrementAndGet();
      return "msg-" + to;
    }
  }

  @Test
  void theNextMessageIsReceivedWhileTheLastOfABatchStillWait(LocalAws aws, LocalResources res) throws Exception {
    TestEnvironments.useLocalCredentials();
    var sqs = new AwsClients(new Env(Map.of("AWS_REGION", LocalAws.REGION.id(),
        "AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString()))).sqs();
    String queue = res.queueUrl("EmailQueue");
    var outbox = new EmailSqsOutbox(sqs, queue);
    for (int i = 0; i < JOBS; i++) {
      outbox.enqueue(new EmailJob("order-confirmation:ord_pipe_" + i, "plain", "pipe" + i + "@example.com",
          Map.of("name", "Ada")));
    }
    Clock clock = Clock.systemUTC();
    var mailer = new GatedMailer();
    var delivery = new EmailDelivery(
        HandlebarsEmailTemplates.load("email-test", List.of("plain"), c -> c.getBytes(StandardCharsets.UTF_8)),
        new InMemoryEmailLedger(), new InMemorySuppressionList(), new InMemoryRateLimiter(clock),
        new InMemorySendPacer(10_000, clock), mailer,
        new EmailDelivery.Settings("tickets@boxoffice.example",
            new RateLimiter.Limit("email-recipient", 10, Duration.ofMinutes(1)), Duration.ofMinutes(2),
            Duration.ofSeconds(2)),
        clock, d -> Thread.sleep(d.toMillis()));
    var drainer = new EmailQueueDrainer(sqs, queue, res.queueUrl("EmailDeadLetterQueue"), delivery,
        EmailBackoff.parse("1,1,1"), clock, CONCURRENCY);
    long deadline = System.currentTimeMillis() + 60_000;

    try (var run = Executors.newSingleThreadExecutor()) {
      var report = run.submit(() -> drainer.drain(() -> deadline - System.currentTimeMillis(), Duration.ZERO, 1, 2));
      for (int i = 0; i < CONCURRENCY; i++) {
        assertThat(mailer.started.poll(20, TimeUnit.SECONDS)).as("send %d of the first batch started", i + 1)
            .isNotNull();
      }
      assertThat(mailer.started.poll(300, TimeUnit.MILLISECONDS)).as("no worker free, nothing more in hand").isNull();

      mailer.answers.release(1);
      assertThat(mailer.started.poll(20, TimeUnit.SECONDS))
          .as("one mail done: the next message is received and started at once").isNotNull();
      assertThat(mailer.finished).as("while the other nine of the first batch still wait").hasValue(1);

      mailer.answers.release(JOBS);
      var done = report.get(60, TimeUnit.SECONDS);
      assertThat(done.sent()).isEqualTo(JOBS);
      assertThat(mailer.sentTo).hasSize(JOBS);
    }
  }
}
