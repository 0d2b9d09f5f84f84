package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.domain.push.EventAnnouncement;
import com.boxoffice.shared.domain.push.EventChangeAnnouncer;
import com.boxoffice.shared.domain.push.PushBackoff;
import com.boxoffice.shared.domain.push.PushDelivery;
import com.boxoffice.shared.domain.push.PushDelivery.AlreadyDecided;
import com.boxoffice.shared.domain.push.PushDelivery.Collapsed;
import com.boxoffice.shared.domain.push.PushDelivery.Deferred;
import com.boxoffice.shared.domain.push.PushDelivery.Delivered;
import com.boxoffice.shared.domain.push.PushDelivery.Devices;
import com.boxoffice.shared.domain.push.PushDelivery.Dropped;
import com.boxoffice.shared.domain.push.PushDelivery.Outcome;
import com.boxoffice.shared.domain.push.PushDelivery.Retry;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.PushGateway.FailureKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 * Drains the push queue with long polling until shortly before the invocation's end, handing each
 * notification to {@link PushDelivery} and doing with its message what the outcome says: delivered,
 * collapsed, dropped or decided before: deleted; deferred: put back with a delay and the original
 * deleted; failed for some device for now: hidden for the backoff its receive count calls for,
 * and on its {@code maxAttempts}-th receive (below the queue's {@code maxReceiveCount}, which stays
 * as the safety net) sent to the dead-letter queue with the reason {@code retries_exhausted} and
 * counted; malformed or refused by AWS permissions: to the dead-letter queue at once with a
 * {@code reason} attribute. A
 * message is deleted only once one of those has happened to it, so nothing is lost silently.
 *
 * <p>An event change's announcement job ({@code kind} {@link PushSqsOutbox#ANNOUNCEMENT_KIND}) is
 * handed to {@link EventChangeAnnouncer} instead, which walks the event's orders for its time budget
 * and queues the buyers' notifications: done, the message is deleted; stopped for the budget, or
 * walked by another run now, it is put back as a new message (so a large event's many runs never
 * reach the queue's {@code maxReceiveCount}); failed, it is retried like a notification and
 * dead-lettered after {@code maxAttempts}, the walk going on each time from its recorded cursor.
 */
public final class PushQueueDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(PushQueueDrainer.class);
  public static final String REASON_ATTRIBUTE = "reason";
  private static final int MAX_DELAY_SECONDS = 900;
  private static final int MAX_VISIBILITY_SECONDS = 12 * 60 * 60;
  /** How soon an announcement another run walks is looked at again. */
  static final Duration BUSY_RECHECK = Duration.ofSeconds(5);

  /** Counts of one drain run; the maps are by reason. */
  public record DrainReport(int received, int sent, int duplicates, int deferred, int collapsed,
      Map<String, Integer> dropped, int retried, int throttled, Map<String, Integer> failed, int deactivated,
      int deadLettered, int accessDenied, int announced) {
    public int droppedTotal() {
      return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int failedTotal() {
      return failed.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private static final class Counts {
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger deferred = new AtomicInteger();
    final AtomicInteger collapsed = new AtomicInteger();
    final Map<String, Integer> dropped = new ConcurrentHashMap<>();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final Map<String, Integer> failed = new ConcurrentHashMap<>();
    final AtomicInteger deactivated = new AtomicInteger();
    final AtomicInteger deadLettered = new AtomicInteger();
    final AtomicInteger accessDenied = new AtomicInteger();
    /** Notifications queued by announcement walks. */
    final AtomicInteger announced = new AtomicInteger();

    void add(Devices d) {
      sent.addAndGet(d.sent());
      duplicates.addAndGet(d.alreadySent());
      deactivated.addAndGet(d.deactivated());
      d.failedByReason().forEach((k, v) -> failed.merge(k, v, Integer::sum));
    }

    DrainReport report() {
      return new DrainReport(received.get(), sent.get(), duplicates.get(), deferred.get(), collapsed.get(),
          new TreeMap<>(dropped), retried.get(), throttled.get(), new TreeMap<>(failed), deactivated.get(),
          deadLettered.get(), accessDenied.get(), announced.get());
    }
  }

  private final SqsClient sqs;
  private final String queueUrl;
  private final String deadLetterUrl;
  private final PushDelivery delivery;
  private final EventChangeAnnouncer announcer;
  private final PushBackoff backoff;
  private final int concurrency;
  private final int maxAttempts;

  public PushQueueDrainer(SqsClient sqs, String queueUrl, String deadLetterUrl, PushDelivery delivery,
      EventChangeAnnouncer announcer, PushBackoff backoff, int concurrency, int maxAttempts) {
    this.announcer = announcer;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.deadLetterUrl = deadLetterUrl;
    this.delivery = delivery;
    this.backoff = backoff;
    this.concurrency = Math.max(1, concurrency);
  }

  /**
   * Receives and delivers until {@code remainingMillis} falls under {@code stopBefore}, or, when
   * {@code maxEmptyPolls} is positive, after that many empty polls in a row.
   */
  public DrainReport drain(LongSupplier remainingMillis, Duration stopBefore, int maxWaitSeconds, int maxEmptyPolls)
      throws InterruptedException {
    Counts counts = new Counts();
    int emptyPolls = 0;
    while (true) {
      long budgetSeconds = (remainingMillis.getAsLong() - stopBefore.toMillis()) / 1000;
      if (budgetSeconds < 1) {
        break;
      }
      int wait = (int) Math.max(0, Math.min(maxWaitSeconds, budgetSeconds - 1));
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .waitTimeSeconds(wait)
          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
          .messageAttributeNames("All")
          .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(wait + 4L))
              .apiCallTimeout(Duration.ofSeconds(wait + 8L)))).messages();
      if (messages.isEmpty()) {
        if (maxEmptyPolls > 0 && ++emptyPolls >= maxEmptyPolls) {
          break;
        }
        continue;
      }
      emptyPolls = 0;
      handleBatch(messages, counts, remainingMillis, stopBefore);
    }
    return counts.report();
  }

  private void handleBatch(List<Message> messages, Counts counts, LongSupplier remainingMillis, Duration stopBefore)
      throws InterruptedException {
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore slots = new Semaphore(concurrency);
      List<Future<?>> running = new ArrayList<>();
      for (Message message : messages) {
        slots.acquire();
        running.add(workers.submit(() -> {
          try {
            if (logContext != null) {
              MDC.setContextMap(logContext);
            }
            if (remainingMillis.getAsLong() < stopBefore.toMillis()) {
              hide(message, 0);
              return null;
            }
            counts.received.incrementAndGet();
            handle(message, counts, remainingMillis, stopBefore);
            return null;
          } finally {
            MDC.clear();
            slots.release();
          }
        }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          LOG.error("push worker failed", e.getCause());
        }
      }
    }
  }

  private void handle(Message message, Counts counts, LongSupplier remainingMillis, Duration stopBefore) {
    int receiveCount = SqsMessages.receiveCount(message);
    LogContext.put("sqsMessageId", message.messageId());
    try {
      var kind = message.messageAttributes().get(PushSqsOutbox.KIND_ATTRIBUTE);
      if (kind != null && PushSqsOutbox.ANNOUNCEMENT_KIND.equals(kind.stringValue())) {
        announce(message, receiveCount, counts, remainingMillis, stopBefore);
        return;
      }
      PushNotification n;
      try {
        n = Json.read(message.body(), PushNotification.class);
      } catch (RuntimeException malformed) {
        LOG.error("push message is not a notification; dead-lettering it");
        deadLetter(message, "malformed_notification", receiveCount, counts);
        return;
      }
      LogContext.put("notificationId", n.notificationId());
      Outcome outcome;
      try {
        outcome = delivery.deliver(n);
      } catch (RuntimeException e) {
        if (AwsFailures.isAccessDenied(e)) {
          counts.accessDenied.incrementAndGet();
          LOG.error("push delivery refused by AWS permissions reason={}; dead-lettering", AwsFailures.ACCESS_DENIED, e);
          deadLetter(message, AwsFailures.ACCESS_DENIED, receiveCount, counts);
          return;
        }
        LOG.warn("push delivery failed unexpectedly receiveCount={}", receiveCount, e);
        counts.retried.incrementAndGet();
        hide(message, seconds(backoff.after(receiveCount)));
        return;
      }
      switch (outcome) {
        case Delivered d -> {
          counts.add(d.devices());
          LOG.info("push delivered sent={} alreadySent={} deactivated={}", d.devices().sent(),
              d.devices().alreadySent(), d.devices().deactivated());
          delete(message);
        }
        case AlreadyDecided a -> {
          LOG.info("push decided before verdict={}; dropping the message", a.verdict());
          delete(message);
        }
        case Collapsed c -> {
          counts.collapsed.incrementAndGet();
          LOG.info("push collapsed into an earlier one");
          delete(message);
        }
        case Dropped d -> {
          counts.dropped.merge(d.reason(), 1, Integer::sum);
          LOG.info("push dropped reason={}", d.reason());
          delete(message);
        }
        case Deferred d -> {
          counts.add(d.devices());
          counts.deferred.incrementAndGet();
          requeue(message, d.delay(), d.why());
        }
        case Retry r -> {
          counts.add(r.devices());
          if (r.kind() == FailureKind.THROTTLED) {
            counts.throttled.incrementAndGet();
          }
          if (receiveCount >= maxAttempts) {
            LOG.error("push still failing for some device after {} attempts code={}; dead-lettering", receiveCount,
                r.code());
            deadLetter(message, "retries_exhausted", receiveCount, counts);
            return;
          }
          counts.retried.incrementAndGet();
          Duration wait = backoff.after(receiveCount);
          LOG.warn("push failed for some device kind={} code={} receiveCount={} retryInSeconds={}", r.kind(),
              r.code(), receiveCount, wait.toSeconds());
          hide(message, seconds(wait));
        }
      }
    } finally {
      LogContext.remove("sqsMessageId");
      LogContext.remove("notificationId");
    }
  }

  private void announce(Message message, int receiveCount, Counts counts, LongSupplier remainingMillis,
      Duration stopBefore) {
    EventAnnouncement job;
    try {
      job = Json.read(message.body(), EventAnnouncement.class);
    } catch (RuntimeException malformed) {
      LOG.error("announcement message is not an announcement; dead-lettering it");
      deadLetter(message, "malformed_notification", receiveCount, counts);
      return;
    }
    LogContext.put("notificationId", job.jobId());
    EventChangeAnnouncer.Result result;
    try {
      result = announcer.announce(job, message.messageId(), remainingMillis, stopBefore);
    } catch (RuntimeException e) {
      if (AwsFailures.isAccessDenied(e)) {
        counts.accessDenied.incrementAndGet();
        LOG.error("announcement refused by AWS permissions reason={}; dead-lettering", AwsFailures.ACCESS_DENIED, e);
        deadLetter(message, AwsFailures.ACCESS_DENIED, receiveCount, counts);
        return;
      }
      if (receiveCount >= maxAttempts) {
        LOG.error("announcement still failing after {} attempts; dead-lettering", receiveCount, e);
        deadLetter(message, "retries_exhausted", receiveCount, counts);
        return;
      }
      LOG.warn("announcement failed receiveCount={}; it goes on from its cursor", receiveCount, e);
      counts.retried.incrementAndGet();
      hide(message, seconds(backoff.after(receiveCount)));
      return;
    }
    counts.announced.addAndGet(result.queued());
    switch (result.status()) {
      case DONE -> delete(message);
      case MORE -> requeue(message, Duration.ZERO, "announcement_budget");
      // Looked at again soon rather than at the lease's end: the walking run releases it between runs.
      case BUSY -> requeue(message, result.retryAfter().compareTo(BUSY_RECHECK) < 0 ? result.retryAfter()
          : BUSY_RECHECK, "announcement_busy");
    }
  }

  private void deadLetter(Message message, String reason, int receiveCount, Counts counts) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
    attributes.put(REASON_ATTRIBUTE, SqsMessages.text(reason));
    try {
      sqs.sendMessage(b -> b.queueUrl(deadLetterUrl).messageBody(message.body()).messageAttributes(attributes));
    } catch (RuntimeException e) {
      LOG.warn("could not dead-letter the notification; it comes back after its backoff", e);
      counts.retried.incrementAndGet();
      hide(message, seconds(backoff.after(receiveCount)));
      return;
    }
    counts.deadLettered.incrementAndGet();
    delete(message);
  }

  private void requeue(Message message, Duration wait, String why) {
    int delay = (int) Math.min(MAX_DELAY_SECONDS, Math.max(1, (wait.toMillis() + 999) / 1000));
    try {
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body())
          .messageAttributes(message.messageAttributes()).delaySeconds(delay));
    } catch (RuntimeException e) {
      LOG.warn("could not put the deferred notification back; it comes back after {} s instead", delay, e);
      hide(message, delay);
      return;
    }
    LOG.info("push deferred why={} delaySeconds={}", why, delay);
    delete(message);
  }

  private void delete(Message message) {
    try {
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    } catch (RuntimeException e) {
      // It comes back; its records say what was done and nothing is sent twice.
      LOG.warn("deleting a handled push message failed", e);
    }
  }

  private void hide(Message message, int seconds) {
    try {
      sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
          .visibilityTimeout(Math.min(MAX_VISIBILITY_SECONDS, seconds)));
    } catch (RuntimeException e) {
      LOG.warn("changing the push message's visibility failed; the queue's timeout applies", e);
    }
  }

  private static int seconds(Duration d) {
    return (int) Math.min(MAX_VISIBILITY_SECONDS, d.toSeconds());
  }
}
