package com.boxoffice.shared.domain.email;

import com.boxoffice.shared.port.out.EmailLedger;
import com.boxoffice.shared.port.out.EmailLedger.Entry;
import com.boxoffice.shared.port.out.EmailLedger.Status;
import com.boxoffice.shared.port.out.EmailRenderer;
import com.boxoffice.shared.port.out.Mailer;
import com.boxoffice.shared.port.out.Mailer.FailureKind;
import com.boxoffice.shared.port.out.Mailer.MailerException;
import com.boxoffice.shared.port.out.SendPacer;
import com.boxoffice.shared.port.out.SuppressionList;
import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one email job at most once: checks the job's record, renders it (a job that can never
 * render is rejected for good), skips suppressed addresses, takes a per-recipient slot, claims the
 * job, takes a slot of the shared send rate, sends it on that slot and records the send. What the
 * caller does with the queue message follows from the {@link Outcome} alone.
 */
public final class EmailDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(EmailDelivery.class);
  private static final Duration IN_PROGRESS_RECHECK = Duration.ofSeconds(3);
  /**
   * How late after its pacer slot a send may still leave. A sender held up longer (a pause of the
   * machine, a late wake-up) takes a new slot instead, so that senders woken together after a pause
   * do not go out in a burst. With slots 1/(h × rate) apart, any rate + 1 sends in a row span at
   * least 1/h s minus this tolerance; at the email function's headroom h = 0.97 that is 1.0309 s −
   * 10 ms = 1.0209 s, more than a second, so no 1-second window at the sender holds more than the
   * rate, with about 20 ms to spare for the instant between this check and the call to SES (a
   * thread can lose its core there on a busy machine).
   */
  public static final Duration SLOT_TOLERANCE = Duration.ofMillis(10);
  private static final int MAX_SLOTS_PER_SEND = 3;

  /** How one attempt ended. */
  public sealed interface Outcome {}

  /** Sent now. */
  public record Sent(String messageId) implements Outcome {}

  /** The job's record says it was already sent or suppressed: drop the message. */
  public record AlreadyDone(Status status) implements Outcome {}

  /** The address is suppressed: not sent, recorded, drop the message. */
  public record Suppressed() implements Outcome {}

  /** Not now and not a failure: a rate limit is full or another sender holds the job. */
  public record Deferred(Duration delay, String why) implements Outcome {}

  /** The send failed in a way that may pass: retry with backoff. */
  public record Retry(FailureKind kind, String code) implements Outcome {}

  /** Can never be sent: to the dead-letter queue with the reason. */
  public record Rejected(String reason, String detail) implements Outcome {}

  /** Pauses the calling thread; tests pass one that records instead. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** The fixed parts of every send. */
  public record Settings(String sender, RateLimiter.Limit perRecipient, Duration lease, Duration maxPacerWait) {}

  private final EmailRenderer templates;
  private final EmailLedger ledger;
  private final SuppressionList suppressions;
  private final RateLimiter limiter;
  private final SendPacer pacer;
  private final Mailer mailer;
  private final Settings settings;
  private final Clock clock;
  private final Sleeper sleeper;

  public EmailDelivery(EmailRenderer templates, EmailLedger ledger, SuppressionList suppressions, RateLimiter limiter,
      SendPacer pacer, Mailer mailer, Settings settings, Clock clock, Sleeper sleeper) {
    this.templates = templates;
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.limiter = limiter;
    this.pacer = pacer;
    this.mailer = mailer;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public Outcome deliver(EmailJob job) throws InterruptedException {
    Instant now = clock.instant();
    Optional<Entry> existing = ledger.find(job.jobId());
    if (existing.isPresent()) {
      Optional<Outcome> settled = settled(existing.get(), now);
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    if (!EmailAddresses.isValid(job.recipient())) {
      ledger.close(job.jobId(), Status.REJECTED, "invalid_address", now);
      return new Rejected("invalid_address", "the recipient is not a valid email address");
    }
    RenderedEmail email;
    try {
      email = templates.render(job);
    } catch (EmailJobRejectedException e) {
      ledger.close(job.jobId(), Status.REJECTED, e.reason(), now);
      return new Rejected(e.reason(), e.getMessage());
    }
    if (suppressions.isSuppressed(job.recipient())) {
      ledger.close(job.jobId(), Status.SUPPRESSED, "suppressed", now);
      return new Suppressed();
    }
    RateLimiter.Decision recipient = limiter.tryAcquire(settings.perRecipient(), EmailAddresses.key(job.recipient()));
    if (!recipient.allowed()) {
      return new Deferred(recipient.retryAfter(), "recipient_limit");
    }
    String owner = UUID.randomUUID().toString();
    Instant claimedAt = clock.instant();
    Instant leaseUntil = claimedAt.plus(settings.lease());
    Optional<Entry> inTheWay = ledger.claim(job.jobId(), owner, claimedAt, leaseUntil);
    if (inTheWay.isPresent()) {
      limiter.release(settings.perRecipient(), EmailAddresses.key(job.recipient()), recipient);
      return settled(inTheWay.get(), claimedAt).orElse(new Deferred(IN_PROGRESS_RECHECK, "in_progress"));
    }
    byte[] mime = MimeMessageWriter.write(settings.sender(), job.recipient(), job.jobId(), email,
        claimedAt.atZone(clock.getZone()));
    // The slot comes last: with the claim and the message done, only waking up stands between the
    // slot and the send, so a send is rarely late for its slot and slots are rarely wasted.
    Optional<Instant> due = waitForSlot();
    for (int slots = 1; due.isPresent() && clock.instant().isAfter(due.get().plus(SLOT_TOLERANCE)); slots++) {
      due = slots < MAX_SLOTS_PER_SEND ? waitForSlot() : Optional.empty();
    }
    // A send starts only with half its lease left, so the claim cannot run out while SES answers.
    Instant mustStartBy = leaseUntil.minus(settings.lease().dividedBy(2));
    if (due.isEmpty() || clock.instant().isAfter(mustStartBy)) {
      ledger.release(job.jobId(), owner);
      limiter.release(settings.perRecipient(), EmailAddresses.key(job.recipient()), recipient);
      return new Deferred(settings.maxPacerWait(), "send_rate");
    }
    String messageId;
    try {
      messageId = mailer.send(settings.sender(), job.recipient(), mime, job.template());
    } catch (MailerException e) {
      if (e.kind() == FailureKind.PERMANENT) {
        ledger.close(job.jobId(), Status.REJECTED, e.code(), clock.instant());
        return new Rejected(e.code(), e.getMessage());
      }
      ledger.release(job.jobId(), owner);
      // The recipient got nothing: their slot goes back, so retries do not eat their allowance.
      limiter.release(settings.perRecipient(), EmailAddresses.key(job.recipient()), recipient);
      return new Retry(e.kind(), e.code());
    }
    recordSent(job.jobId(), owner, messageId);
    return new Sent(messageId);
  }

  /** Reserves a send slot and waits for it; its time, or empty when none is free within the longest wait. */
  private Optional<Instant> waitForSlot() throws InterruptedException {
    Optional<Instant> slot = pacer.reserve(settings.maxPacerWait());
    if (slot.isEmpty()) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant(), slot.get());
    if (wait.isPositive()) {
      sleeper.sleep(wait);
    }
    return slot;
  }

  // The mail is out: the message must be dropped whatever happens here, or a redelivery would
  // send it again once the lease runs out. A failed record is retried, then only logged.
  private void recordSent(String jobId, String owner, String messageId) {
    for (int attempt = 1; ; attempt++) {
      try {
        ledger.markSent(jobId, owner, messageId, clock.instant());
        return;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          LOG.error("mail sent but its sent record could not be written jobId={} messageId={}", jobId, messageId, e);
          return;
        }
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Optional<Outcome> settled(Entry entry, Instant now) {
    return switch (entry.status()) {
      case SENT, SUPPRESSED -> Optional.of(new AlreadyDone(entry.status()));
      // A rejection is looked at again: a redriven job may have been fixed, or SES may take it now.
      case REJECTED -> Optional.empty();
      // Another sender holds the job: it is usually done within a second, so look again soon
      // rather than sit out the whole lease.
      case SENDING -> entry.leaseUntil() != null && entry.leaseUntil().isAfter(now)
          ? Optional.of(new Deferred(min(IN_PROGRESS_RECHECK, Duration.between(now, entry.leaseUntil())), "in_progress"))
          : Optional.empty();
    };
  }
}
