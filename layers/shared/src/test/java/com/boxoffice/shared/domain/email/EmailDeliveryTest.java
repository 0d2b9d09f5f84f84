package com.boxoffice.shared.domain.email;

import com.boxoffice.shared.adapter.template.HandlebarsEmailTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.port.out.EmailLedger;
import com.boxoffice.shared.port.out.EmailLedger.Status;
import com.boxoffice.shared.port.out.Mailer.FailureKind;
import com.boxoffice.shared.port.out.RateLimiter;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryEmailLedger;
import com.boxoffice.shared.testing.memory.InMemoryMailer;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import com.boxoffice.shared.testing.memory.InMemorySendPacer;
import com.boxoffice.shared.testing.memory.InMemorySuppressionList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link EmailDelivery} on in-memory ports: at most one send per job, and what each failure leads to. */
@Tag("fast")
class EmailDeliveryTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final RateLimiter.Limit PER_RECIPIENT = new RateLimiter.Limit("email-recipient", 3, Duration.ofHours(1));

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryEmailLedger ledger = new InMemoryEmailLedger();
  final InMemorySuppressionList suppressions = new InMemorySuppressionList();
  final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  final InMemoryMailer mailer = new InMemoryMailer();
  final List<Duration> slept = new ArrayList<>();
  final HandlebarsEmailTemplates templates = HandlebarsEmailTemplates.load("email-test", List.of("plain"),
      code -> ("png:" + code).getBytes(StandardCharsets.UTF_8));

  EmailDelivery delivery(double perSecond, Duration maxPacerWait) {
    return new EmailDelivery(templates, ledger, suppressions, limiter, new InMemorySendPacer(perSecond, clock), mailer,
        new EmailDelivery.Settings("Boxoffice <tickets@boxoffice.example>", PER_RECIPIENT, Duration.ofMinutes(2),
            maxPacerWait), clock, d -> {
              slept.add(d);
              clock.advance(d);
            });
  }

  final EmailDelivery delivery = delivery(1000, Duration.ofSeconds(1));

  static EmailJob job(String id, String to) {
    return new EmailJob(id, "plain", to, Map.of("name", "Ada"));
  }

  @Test
  void aJobIsSentOnceHoweverOftenItIsDelivered() throws Exception {
    EmailJob job = job("order-confirmation:ord_1", "ada@example.com");
    var first = delivery.deliver(job);
    assertThat(first).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(ledger.find(job.jobId()).orElseThrow().status()).isEqualTo(Status.SENT);
    assertThat(ledger.find(job.jobId()).orElseThrow().messageId()).isEqualTo(((EmailDelivery.Sent) first).messageId());
    assertThat(delivery.deliver(job)).isEqualTo(new EmailDelivery.AlreadyDone(Status.SENT));
    assertThat(mailer.sent()).hasSize(1);
    assertThat(mailer.sent().get(0).to()).isEqualTo("ada@example.com");
    assertThat(mailer.sent().get(0).mimeText()).contains("Hi Ada");
  }

  @Test
  void aJobThatCanNeverBeSentIsRejectedForGoodWithoutASend() throws Exception {
    var badAddress = delivery.deliver(job("j-1", "not an address"));
    assertThat(badAddress).isInstanceOfSatisfying(EmailDelivery.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo("invalid_address"));
    var missing = delivery.deliver(new EmailJob("j-2", "plain", "ada@example.com", Map.of("note", "x")));
    assertThat(missing).isInstanceOf(EmailDelivery.Rejected.class);
    var unknown = delivery.deliver(new EmailJob("j-3", "nothing-here", "ada@example.com", Map.of()));
    assertThat(unknown).isInstanceOfSatisfying(EmailDelivery.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo("unknown_template"));
    assertThat(List.of("j-1", "j-2", "j-3")).allSatisfy(id ->
        assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(Status.REJECTED));
    assertThat(mailer.attempts()).isZero();
    assertThat(limiter.totalUsed()).as("no slot taken for a job that is never sent").isZero();
  }

  @Test
  void aSuppressedAddressIsRecordedAndSkipped() throws Exception {
    suppressions.suppress("Bounced@Example.com", "bounce", NOW);
    assertThat(delivery.deliver(job("j-1", "bounced@example.com"))).isInstanceOf(EmailDelivery.Suppressed.class);
    assertThat(ledger.find("j-1").orElseThrow().status()).isEqualTo(Status.SUPPRESSED);
    assertThat(delivery.deliver(job("j-1", "bounced@example.com"))).isEqualTo(new EmailDelivery.AlreadyDone(Status.SUPPRESSED));
    assertThat(mailer.attempts()).isZero();
  }

  @Test
  void aRecipientOverTheirLimitIsDeferredNotFailed() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(delivery.deliver(job("j-" + i, "ada@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    }
    var fourth = delivery.deliver(job("j-3", "ada@example.com"));
    assertThat(fourth).isInstanceOfSatisfying(EmailDelivery.Deferred.class, d -> {
      assertThat(d.why()).isEqualTo("recipient_limit");
      // Until the hourly window that began at NOW ends; the three sends' pacing moved the clock on a little.
      assertThat(d.delay()).isEqualTo(Duration.between(clock.instant(), NOW.plus(Duration.ofHours(1))));
      assertThat(clock.instant()).isBefore(NOW.plusSeconds(1));
    });
    assertThat(ledger.find("j-3")).isEmpty();
    assertThat(delivery.deliver(job("j-4", "grace@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
  }

  @Test
  void theSharedSendRateSpacesSendsAndDefersWhatWouldWaitTooLong() throws Exception {
    EmailDelivery paced = delivery(1, Duration.ofMillis(1500));
    assertThat(paced.deliver(job("j-1", "a@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(paced.deliver(job("j-2", "b@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
    EmailDelivery impatient = delivery(1, Duration.ZERO);
    assertThat(impatient.deliver(job("j-3", "c@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(impatient.deliver(job("j-4", "d@example.com"))).isInstanceOfSatisfying(EmailDelivery.Deferred.class,
        d -> assertThat(d.why()).isEqualTo("send_rate"));
    assertThat(mailer.sent()).hasSize(3);
    assertThat(ledger.find("j-4").map(EmailLedger.Entry::status)).as("claimed, then given back unsent")
        .isNotEqualTo(java.util.Optional.of(Status.SENT));
    clock.advance(Duration.ofSeconds(1));
    assertThat(impatient.deliver(job("j-4", "d@example.com"))).as("the claim was given back: it goes out later")
        .isInstanceOf(EmailDelivery.Sent.class);
  }

  @Test
  void aPassingFailureGivesTheLeaseAndTheRecipientsSlotBack() throws Exception {
    mailer.failNext(FailureKind.THROTTLED, "Throttling");
    var retry = delivery.deliver(job("j-1", "ada@example.com"));
    assertThat(retry).isEqualTo(new EmailDelivery.Retry(FailureKind.THROTTLED, "Throttling"));
    EmailLedger.Entry held = ledger.find("j-1").orElseThrow();
    assertThat(held.status()).isEqualTo(Status.SENDING);
    assertThat(held.leaseUntil()).isBefore(NOW);
    assertThat(limiter.used(PER_RECIPIENT, EmailAddresses.key("ada@example.com"))).isZero();

    assertThat(delivery.deliver(job("j-1", "ada@example.com"))).as("claimed again at once")
        .isInstanceOf(EmailDelivery.Sent.class);
    assertThat(ledger.find("j-1").orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void aPermanentRefusalRejectsTheJobAndARedrivenJobGetsAnotherLook() throws Exception {
    mailer.failNext(FailureKind.PERMANENT, "MessageRejected");
    var rejected = delivery.deliver(job("j-1", "ada@example.com"));
    assertThat(rejected).isInstanceOfSatisfying(EmailDelivery.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo("MessageRejected"));
    assertThat(ledger.find("j-1").orElseThrow().status()).isEqualTo(Status.REJECTED);
    assertThat(delivery.deliver(job("j-1", "ada@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void aJobAnotherSenderHoldsIsDeferredUntilItsLeaseRunsOut() throws Exception {
    ledger.put(new EmailLedger.Entry("j-1", Status.SENDING, "other", NOW.plusSeconds(60), null, 1));
    var busy = delivery.deliver(job("j-1", "ada@example.com"));
    assertThat(busy).isInstanceOfSatisfying(EmailDelivery.Deferred.class, d -> {
      assertThat(d.why()).isEqualTo("in_progress");
      assertThat(d.delay()).isLessThanOrEqualTo(Duration.ofSeconds(3));
    });
    assertThat(mailer.attempts()).isZero();
    clock.advance(Duration.ofSeconds(61));
    assertThat(delivery.deliver(job("j-1", "ada@example.com"))).as("its sender died: taken over")
        .isInstanceOf(EmailDelivery.Sent.class);
  }

  final java.util.concurrent.atomic.AtomicInteger reservations = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A delivery whose pacer gives every send a slot 100 ms ahead and whose sleeper oversleeps the
   * first {@code times} waits by {@code late}, as a paused machine would.
   */
  EmailDelivery oversleeping(Duration late, int times) {
    int[] left = {times};
    com.boxoffice.shared.port.out.SendPacer pacer = maxWait -> {
      reservations.incrementAndGet();
      return java.util.Optional.of(clock.instant().plus(Duration.ofMillis(100)));
    };
    return new EmailDelivery(templates, ledger, suppressions, limiter, pacer, mailer,
        new EmailDelivery.Settings("Boxoffice <tickets@boxoffice.example>", PER_RECIPIENT, Duration.ofMinutes(2),
            Duration.ofSeconds(2)), clock, d -> {
              slept.add(d);
              clock.advance(d.plus(left[0]-- > 0 ? late : Duration.ZERO));
            });
  }

  @Test
  void aSendHeldUpPastItsSlotTakesANewSlotInsteadOfGoingOutInABurst() throws Exception {
    var delivery = oversleeping(Duration.ofMillis(500), 1);
    assertThat(delivery.deliver(job("order-confirmation:ord_x", "xu@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(reservations).as("the missed slot and the one it went out in").hasValue(2);
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void aSendOnlyLateWithinTheToleranceKeepsItsSlot() throws Exception {
    var delivery = oversleeping(EmailDelivery.SLOT_TOLERANCE, 1);
    assertThat(delivery.deliver(job("order-confirmation:ord_v", "vi@example.com"))).isInstanceOf(EmailDelivery.Sent.class);
    assertThat(reservations).hasValue(1);
  }

  @Test
  void aSendThatKeepsMissingItsSlotIsDeferredAndGivesBackItsClaimAndTheRecipientsAllowance() throws Exception {
    var delivery = oversleeping(Duration.ofMillis(500), 100);
    EmailJob job = job("order-confirmation:ord_z", "zoe@example.com");
    var outcome = delivery.deliver(job);
    assertThat(outcome).isInstanceOf(EmailDelivery.Deferred.class);
    assertThat(((EmailDelivery.Deferred) outcome).why()).isEqualTo("send_rate");
    assertThat(reservations).hasValue(3);
    assertThat(mailer.attempts()).isZero();
    assertThat(limiter.used(PER_RECIPIENT, EmailAddresses.key("zoe@example.com"))).isZero();
    assertThat(ledger.find(job.jobId()).map(e -> e.status())).isNotEqualTo(java.util.Optional.of(Status.SENT));

    var onTime = oversleeping(Duration.ZERO, 0);
    assertThat(onTime.deliver(job)).as("the claim was given back: a later delivery sends it")
        .isInstanceOf(EmailDelivery.Sent.class);
  }
}
