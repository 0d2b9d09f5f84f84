package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.template.HandlebarsEmailTemplates;
import com.boxoffice.shared.domain.email.EmailDelivery;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.port.out.EmailLedger;
import com.boxoffice.shared.port.out.EmailLedger.Status;
import com.boxoffice.shared.port.out.Mailer;
import com.boxoffice.shared.port.out.RateLimiter;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryMailer;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import com.boxoffice.shared.testing.memory.InMemorySendPacer;
import com.boxoffice.shared.testing.memory.InMemorySuppressionList;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DynamoEmailLedger} under {@link EmailDelivery} on DynamoDB Local: a sender that dies
 * holding the lease, the sender that takes over after it, and two senders at once.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoEmailLedgerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final MutableClock clock = new MutableClock(T0);
  private final HandlebarsEmailTemplates templates = HandlebarsEmailTemplates.load("email-test", List.of("plain"),
      code -> ("png:" + code).getBytes(StandardCharsets.UTF_8));

  /** The process dies inside the send, before SES took the message: nothing is released. */
  private static final class Crash extends RuntimeException {
    Crash() {
      super("the sender's process died");
    }
  }

  private EmailDelivery sender(EmailLedger ledger, Mailer mailer) {
    return new EmailDelivery(templates, ledger, new InMemorySuppressionList(), new InMemoryRateLimiter(clock),
        new InMemorySendPacer(1000, clock), mailer,
        new EmailDelivery.Settings("tickets@boxoffice.example",
            new RateLimiter.Limit("email-recipient", 10, Duration.ofHours(1)), LEASE, Duration.ofSeconds(1)),
        clock, clock::advance);
  }

  private static EmailJob job(String id) {
    return new EmailJob(id, "plain", "ada@example.com", Map.of("name", "Ada"));
  }

  @Test
  void aSenderThatDiesHoldingTheLeaseIsTakenOverOnceTheLeaseEndsAndItsLateRecordIsIgnored(LocalAws aws,
      LocalResources res) throws Exception {
    var ledger = new DynamoEmailLedger(aws.dynamo(), res.table("BoxofficeTable"));
    EmailJob job = job("order-confirmation:ord_takeover");
    EmailDelivery dying = sender(ledger, (from, to, mime, template) -> {
      throw new Crash();
    });
    InMemoryMailer ses = new InMemoryMailer();
    EmailDelivery second = sender(ledger, ses);

    assertThatThrownBy(() -> dying.deliver(job)).isInstanceOf(Crash.class);
    EmailLedger.Entry held = ledger.find(job.jobId()).orElseThrow();
    assertThat(held.status()).isEqualTo(Status.SENDING);
    assertThat(held.leaseUntil()).isEqualTo(T0.plus(LEASE));

    // While the dead sender's lease runs, the job is left alone.
    clock.advance(LEASE.minusSeconds(1));
    assertThat(second.deliver(job)).isEqualTo(new EmailDelivery.Deferred(Duration.ofSeconds(1), "in_progress"));
    assertThat(ses.attempts()).isZero();
    assertThat(ledger.claim(job.jobId(), "someone-else", clock.instant(), clock.instant().plus(LEASE)))
        .as("a live lease is not claimable").get().extracting(EmailLedger.Entry::owner).isEqualTo(held.owner());

    clock.advance(Duration.ofSeconds(2));
    assertThat(second.deliver(job)).isEqualTo(new EmailDelivery.Sent("msg-1"));
    assertThat(second.deliver(job)).isEqualTo(new EmailDelivery.AlreadyDone(Status.SENT));
    assertThat(ses.sent()).hasSize(1);

    // The first sender wakes up and records a send of its own: its lease is gone, so nothing changes.
    ledger.markSent(job.jobId(), held.owner(), "msg-from-the-dead", clock.instant());
    ledger.release(job.jobId(), held.owner());
    EmailLedger.Entry after = ledger.find(job.jobId()).orElseThrow();
    assertThat(after.status()).isEqualTo(Status.SENT);
    assertThat(after.messageId()).isEqualTo("msg-1");
    assertThat(after.owner()).isNotEqualTo(held.owner());
    assertThat(after.attempts()).isEqualTo(2);
  }

  @Test
  void twoSendersWithTheSameJobAtOnceSendItOnce(LocalAws aws, LocalResources res) throws Exception {
    var ledger = new DynamoEmailLedger(aws.dynamo(), res.table("BoxofficeTable"));
    EmailJob job = job("order-confirmation:ord_race");
    InMemoryMailer ses = new InMemoryMailer();
    // A send holds until the other sender has given its answer: both deliveries overlap for sure,
    // and the other one's claim lands while the winner is inside the send.
    CountDownLatch oneReturned = new CountDownLatch(1);
    AtomicInteger sendsEntered = new AtomicInteger();
    Mailer slowSes = (from, to, mime, template) -> {
      sendsEntered.incrementAndGet();
      try {
        if (!oneReturned.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the other sender never answered");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return ses.send(from, to, mime, template);
    };
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<EmailDelivery.Outcome>> outcomes = List.of(
          pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            try {
              return sender(ledger, slowSes).deliver(job);
            } finally {
              oneReturned.countDown();
            }
          }),
          pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            try {
              return sender(ledger, slowSes).deliver(job);
            } finally {
              oneReturned.countDown();
            }
          }));
      List<EmailDelivery.Outcome> results = List.of(outcomes.get(0).get(20, TimeUnit.SECONDS),
          outcomes.get(1).get(20, TimeUnit.SECONDS));

      assertThat(results).containsExactlyInAnyOrder(new EmailDelivery.Sent("msg-1"),
          new EmailDelivery.Deferred(Duration.ofSeconds(3), "in_progress"));
      assertThat(sendsEntered).hasValue(1);
      assertThat(ses.sent()).hasSize(1);
      assertThat(ledger.find(job.jobId()).orElseThrow().status()).isEqualTo(Status.SENT);
    } finally {
      pool.shutdownNow();
    }
  }
}
