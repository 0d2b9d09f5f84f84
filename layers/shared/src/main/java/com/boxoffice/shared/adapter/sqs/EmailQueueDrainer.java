package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.domain.email.EmailBackoff;
import com.boxoffice.shared.domain.email.EmailDelivery;
import com.boxoffice.shared.domain.email.EmailDelivery.AlreadyDone;
import com.boxoffice.shared.domain.email.EmailDelivery.Deferred;
import com.boxoffice.shared.domain.email.EmailDelivery.Outcome;
import com.boxoffice.shared.domain.email.EmailDelivery.Rejected;
import com.boxoffice.shared.domain.email.EmailDelivery.Retry;
import com.boxoffice.shared.domain.email.EmailDelivery.Sent;
import com.boxoffice.shared.domain.email.EmailDelivery.Suppressed;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.Mailer.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Drains the email queue with long polling until shortly before the invocation's end, handing
 * each job to {@link EmailDelivery} and doing with its message what the outcome says:
 *
 * <ul>
 *   <li>sent, already handled, suppressed: deleted;
 *   <li>deferred by a rate limit: put back with a delay and the original deleted, so waiting its
 *       turn does not use up the job's receives;
 *   <li>failed for now (throttling, 5xx, network): hidden for the backoff its receive count calls
 *       for, so a job that keeps failing is moved to the dead-letter queue by redrive;
 *   <li>rejected for good (bad address, variables that do not fit, malformed, or an AWS
 *       {@code AccessDenied} from SES or DynamoDB, which only an IAM change mends): sent to the
 *       dead-letter queue at once with a {@code reason} attribute ({@code access_denied} for the
 *       latter, also counted in {@code accessDenied}), then deleted.
 * </ul>
 *
 * A received message is deleted only once one of those has happened to it, so nothing is lost.
 * The messages are delivered a few at a time, each on a platform thread of its own: a send to SES
 * takes tens of milliseconds, and the shared pacer, not this loop, sets the rate; the next batch
 * is received while the last messages of one wait for their slots. Platform threads rather than
 * virtual ones because a sender must wake on its slot: the operating system preempts a thread
 * busy rendering a QR code for one whose slot is due, where a virtual thread waits for a carrier
 * until the work on it yields, which on Lambda's one or two cores makes sends late for their slots.
 */
public final class EmailQueueDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(EmailQueueDrainer.class);
  public static final String REASON_ATTRIBUTE = "reason";
  public static final String ENQUEUED_AT_ATTRIBUTE = "enqueuedAt";
  private static final int MAX_DELAY_SECONDS = 900;
  private static final int MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

  /** Counts of one drain run; {@code queueToSendMs} holds each sent job's time from enqueue to send. */
  public record DrainReport(int received, int sent, int duplicates, int suppressed, int deferred, int retried,
      int throttled, int deadLettered, int accessDenied, List<Long> queueToSendMs) {}

  private final SqsClient sqs;
  private final String queueUrl;
  private final String deadLetterUrl;
  private final EmailDelivery delivery;
  private final EmailBackoff backoff;
  private final Clock clock;
  private final int concurrency;

  public EmailQueueDrainer(SqsClient sqs, String queueUrl, String deadLetterUrl, EmailDelivery delivery,
      EmailBackoff backoff, Clock clock, int concurrency) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.deadLetterUrl = deadLetterUrl;
    this.delivery = delivery;
    this.backoff = backoff;
    this.clock = clock;
    this.concurrency = Math.max(1, concurrency);
  }

  /** Counts of one run; the batch's workers add to them at once. */
  private static final class Counts {
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger suppressed = new AtomicInteger();
    final AtomicInteger deferred = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger deadLettered = new AtomicInteger();
    final AtomicInteger accessDenied = new AtomicInteger();
    final Queue<Long> latencies = new ConcurrentLinkedQueue<>();

    DrainReport report() {
      return new DrainReport(received.get(), sent.get(), duplicates.get(), suppressed.get(), deferred.get(),
          retried.get(), throttled.get(), deadLettered.get(), accessDenied.get(), List.copyOf(latencies));
    }
  }

  /** The waits after failed attempts this drainer hides jobs for. */
  public EmailBackoff backoff() {
    return backoff;
  }

  /**
   * Receives and delivers until {@code remainingMillis} falls under {@code stopBefore}, or, when
   * {@code maxEmptyPolls} is positive, after that many long polls in a row came back empty.
   *
   * <p>Receiving does not wait for a batch to finish: once every message of a batch has a worker,
   * the next batch is received while the last ones still wait for their pacer slots, so the pacer
   * always has a message waiting for its next slot and the send rate does not dip by a receive's
   * round trip per batch. At most {@code concurrency} messages are in hand at a time (received and
   * not yet done with), so none waits longer than that many slots.
   */
  public DrainReport drain(LongSupplier remainingMillis, Duration stopBefore, int maxWaitSeconds, int maxEmptyPolls)
      throws InterruptedException {
    Counts counts = new Counts();
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Semaphore inHand = new Semaphore(concurrency);
    AtomicBoolean lateSeen = new AtomicBoolean();
    List<Future<?>> running = new ArrayList<>();
    int emptyPolls = 0;
    try (ExecutorService workers = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform()
        .name("email-sender-", 1).daemon(true).factory())) {
      while (!lateSeen.get()) {
        // A free worker first: a message received now is started at once, not held while its
        // visibility timeout runs.
        inHand.acquire();
        inHand.release();
        long budgetSeconds = (remainingMillis.getAsLong() - stopBefore.toMillis()) / 1000;
        if (budgetSeconds < 1) {
          break;
        }
        int free = Math.min(10, Math.max(1, inHand.availablePermits()));
        int wait = (int) Math.max(0, Math.min(maxWaitSeconds, budgetSeconds - 1));
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(free)
            .waitTimeSeconds(wait)
            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                MessageSystemAttributeName.SENT_TIMESTAMP)
            .messageAttributeNames("All")
            // The shared clients' call timeouts are sized for quick calls; a long poll needs its own.
            .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(wait + 4L))
                .apiCallTimeout(Duration.ofSeconds(wait + 8L)))).messages();
        if (messages.isEmpty()) {
          if (maxEmptyPolls > 0 && ++emptyPolls >= maxEmptyPolls) {
            break;
          }
          continue;
        }
        emptyPolls = 0;
        for (Message message : messages) {
          inHand.acquire();
          running.add(workers.submit(() -> {
            try {
              if (logContext != null) {
                MDC.setContextMap(logContext);
              }
              if (remainingMillis.getAsLong() < stopBefore.toMillis()) {
                // Time ran out before this one started: handed back at once rather than sit out
                // its visibility timeout.
                lateSeen.set(true);
                hide(message, 0);
                return null;
              }
              counts.received.incrementAndGet();
              handle(message, counts);
              return null;
            } finally {
              MDC.clear();
              inHand.release();
            }
          }));
        }
        running.removeIf(EmailQueueDrainer::doneAndLogged);
      }
      for (Future<?> f : running) {
        awaitAndLog(f);
      }
    }
    return counts.report();
  }

  private static boolean doneAndLogged(Future<?> f) {
    if (!f.isDone()) {
      return false;
    }
    awaitAndLog(f);
    return true;
  }

  private static void awaitAndLog(Future<?> f) {
    try {
      f.get();
    } catch (ExecutionException e) {
      LOG.error("email worker failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Message message, Counts counts) throws InterruptedException {
    int receiveCount = SqsMessages.receiveCount(message);
    LogContext.put("sqsMessageId", message.messageId());
    try {
      EmailJob job;
      try {
        job = Json.read(message.body(), EmailJob.class);
      } catch (RuntimeException malformed) {
        LOG.error("email message is not an email job; dead-lettering it");
        deadLetter(message, "malformed_job", receiveCount, counts);
        return;
      }
      LogContext.put("jobId", job.jobId());
      LogContext.put("template", job.template());
      Outcome outcome;
      try {
        outcome = delivery.deliver(job);
      } catch (RuntimeException e) {
        if (AwsFailures.isAccessDenied(e)) {
          counts.accessDenied.incrementAndGet();
          LOG.error("email delivery refused by AWS permissions reason={}; dead-lettering the job",
              AwsFailures.ACCESS_DENIED, e);
          deadLetter(message, AwsFailures.ACCESS_DENIED, receiveCount, counts);
          return;
        }
        LOG.warn("email delivery failed unexpectedly receiveCount={}", receiveCount, e);
        counts.retried.incrementAndGet();
        hide(message, seconds(backoff.after(receiveCount)));
        return;
      }
      switch (outcome) {
        case Sent sent -> {
          counts.sent.incrementAndGet();
          long latency = clock.millis() - enqueuedAt(message);
          counts.latencies.add(latency);
          LOG.info("email sent messageId={} receiveCount={} queueToSendMs={}", sent.messageId(), receiveCount, latency);
          delete(message);
        }
        case AlreadyDone done -> {
          counts.duplicates.incrementAndGet();
          LOG.info("email job already {}; dropping the message", done.status());
          delete(message);
        }
        case Suppressed s -> {
          counts.suppressed.incrementAndGet();
          LOG.info("recipient is suppressed; email skipped and recorded");
          delete(message);
        }
        case Deferred d -> {
          counts.deferred.incrementAndGet();
          requeue(message, d.delay(), d.why());
        }
        case Retry r -> {
          counts.retried.incrementAndGet();
          if (r.kind() == FailureKind.THROTTLED) {
            counts.throttled.incrementAndGet();
          }
          Duration wait = backoff.after(receiveCount);
          LOG.warn("email send failed kind={} code={} receiveCount={} retryInSeconds={}", r.kind(), r.code(),
              receiveCount, wait.toSeconds());
          hide(message, seconds(wait));
        }
        case Rejected r -> {
          if (AwsFailures.ACCESS_DENIED.equals(r.reason())) {
            counts.accessDenied.incrementAndGet();
          }
          LOG.error("email job rejected for good reason={} detail={}", r.reason(), r.detail());
          deadLetter(message, r.reason(), receiveCount, counts);
        }
      }
    } finally {
      LogContext.remove("sqsMessageId");
      LogContext.remove("jobId");
      LogContext.remove("template");
    }
  }

  private void deadLetter(Message message, String reason, int receiveCount, Counts counts) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
    attributes.put(REASON_ATTRIBUTE, SqsMessages.text(reason));
    try {
      sqs.sendMessage(b -> b.queueUrl(deadLetterUrl).messageBody(message.body()).messageAttributes(attributes));
    } catch (RuntimeException e) {
      LOG.warn("could not dead-letter the job; it comes back after its backoff", e);
      counts.retried.incrementAndGet();
      hide(message, seconds(backoff.after(receiveCount)));
      return;
    }
    counts.deadLettered.incrementAndGet();
    delete(message);
  }

  private void requeue(Message message, Duration wait, String why) {
    int delay = (int) Math.min(MAX_DELAY_SECONDS, Math.max(1, (wait.toMillis() + 999) / 1000));
    Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
    attributes.putIfAbsent(ENQUEUED_AT_ATTRIBUTE, number(enqueuedAt(message)));
    try {
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body()).messageAttributes(attributes)
          .delaySeconds(delay));
    } catch (RuntimeException e) {
      LOG.warn("could not put the deferred job back; it comes back after {} s instead", delay, e);
      hide(message, delay);
      return;
    }
    LOG.info("email deferred why={} delaySeconds={}", why, delay);
    delete(message);
  }

  private void delete(Message message) {
    try {
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    } catch (RuntimeException e) {
      // It comes back; its record says it was handled and it is dropped then.
      LOG.warn("deleting a handled email message failed", e);
    }
  }

  private void hide(Message message, int seconds) {
    try {
      sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
          .visibilityTimeout(Math.min(MAX_VISIBILITY_SECONDS, seconds)));
    } catch (RuntimeException e) {
      LOG.warn("changing the email message's visibility failed; the queue's timeout applies", e);
    }
  }

  private long enqueuedAt(Message message) {
    MessageAttributeValue carried = message.messageAttributes().get(ENQUEUED_AT_ATTRIBUTE);
    try {
      if (carried != null) {
        return Long.parseLong(carried.stringValue());
      }
      String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
      return sent == null ? clock.millis() : Long.parseLong(sent);
    } catch (NumberFormatException e) {
      return clock.millis();
    }
  }

  private static int seconds(Duration d) {
    return (int) Math.min(MAX_VISIBILITY_SECONDS, d.toSeconds());
  }

  private static MessageAttributeValue number(long value) {
    return MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(value)).build();
  }
}
