package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.domain.webhook.StripeEvent;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.ProcessingFailedException;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.Result;
import com.boxoffice.shared.domain.webhook.WebhookBackoff;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.StripeEventParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Drains the webhook retry queue with long polling, running each event through the same
 * {@link StripeEventProcessor} as the webhook. A processed (or already processed) event's message
 * is deleted; a failed one is hidden for the backoff its receive count calls for (1, 2, 4... 32
 * minutes) and otherwise left alone, so a message that keeps failing is moved to the dead-letter
 * queue by the queue's redrive policy. A received message is only ever deleted after success.
 *
 * <p>An AWS {@code AccessDenied} is not passing: every later call is refused the same way until IAM
 * changes. It is logged with reason {@code access_denied} and counted in {@code accessDenied} (an
 * alarmed metric); the message is hidden for the longest backoff step rather than the next one,
 * so it does not spend its receives while nothing can succeed, and the run stops after the batch.
 */
public final class WebhookRetryQueueDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRetryQueueDrainer.class);
  private static final int MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

  /** Counts of one drain run. */
  public record DrainReport(int received, int processed, int duplicates, int failed, int accessDenied) {}

  private final SqsClient sqs;
  private final String queueUrl;
  private final StripeEventProcessor processor;
  private final StripeEventParser parser;
  private final WebhookBackoff backoff;

  public WebhookRetryQueueDrainer(SqsClient sqs, String queueUrl, StripeEventProcessor processor,
      StripeEventParser parser, WebhookBackoff backoff) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.processor = processor;
    this.parser = parser;
    this.backoff = backoff;
  }

  /**
   * Receives and processes until {@code remainingMillis} falls under {@code stopBefore} or
   * {@code maxEmptyPolls} consecutive long polls came back empty.
   */
  public DrainReport drain(LongSupplier remainingMillis, Duration stopBefore, int maxWaitSeconds, int maxEmptyPolls) {
    int received = 0;
    int processed = 0;
    int duplicates = 0;
    int failed = 0;
    int accessDenied = 0;
    int emptyPolls = 0;
    while (accessDenied == 0) {
      long budgetSeconds = (remainingMillis.getAsLong() - stopBefore.toMillis()) / 1000;
      if (budgetSeconds < 1) {
        break;
      }
      int wait = Math.max(0, (int) Math.min(maxWaitSeconds, budgetSeconds - 1));
      // The clients' call timeouts are sized for quick calls; a long poll needs its own, or it is
      // cut off (and retried, and cut off again) before SQS answers an empty queue. With the
      // default 10 s stop-before margin, a slow poll still ends before the function's timeout.
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .waitTimeSeconds(wait)
          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
          .messageAttributeNames("All")
          .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(wait + 4L))
              .apiCallTimeout(Duration.ofSeconds(wait + 8L)))).messages();
      if (messages.isEmpty()) {
        if (++emptyPolls >= maxEmptyPolls) {
          break;
        }
        continue;
      }
      emptyPolls = 0;
      for (Message message : messages) {
        received++;
        switch (handle(message)) {
          case PROCESSED -> processed++;
          case DUPLICATE -> duplicates++;
          case FAILED -> failed++;
          case ACCESS_DENIED -> {
            failed++;
            accessDenied++;
        }
      }
    }
    }
    return new DrainReport(received, processed, duplicates, failed, accessDenied);
  }

  private enum Handled { PROCESSED, DUPLICATE, FAILED, ACCESS_DENIED }

  /** A receive count that gets the longest backoff step: what a message waits while nothing it needs is permitted. */
  private static final int LONGEST_STEP = WebhookBackoff.STANDARD_STEPS.size();

  private Handled handle(Message message) {
    int receiveCount = SqsMessages.receiveCount(message);
    LogContext.put("sqsMessageId", message.messageId());
    var idAttr = message.messageAttributes().get(WebhookRetrySqsQueue.EVENT_ID_ATTRIBUTE);
    LogContext.put("stripeEventId", idAttr == null ? null : idAttr.stringValue());
    try {
      StripeEvent event;
      try {
        event = parser.parse(message.body().getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException malformed) {
        LOG.error("retry message is not a Stripe event; leaving it to the dead-letter queue receiveCount={}", receiveCount);
        backOff(message, receiveCount);
        return Handled.FAILED;
      }
      try {
        Result result = processor.process(event, true);
        switch (result.status()) {
          case PROCESSED, DUPLICATE -> {
            delete(message);
            return result.status() == StripeEventProcessor.Status.PROCESSED ? Handled.PROCESSED : Handled.DUPLICATE;
          }
          default -> {
            // Another attempt holds the lease right now; look again after the backoff.
            backOff(message, receiveCount);
            return Handled.FAILED;
          }
        }
      } catch (ProcessingFailedException failure) {
        if (AwsFailures.isAccessDenied(failure)) {
          return denied(event, failure, message, receiveCount);
        }
        LOG.warn("stripe event retry failed receiveCount={} cause={}", receiveCount, failure.getMessage(), failure.getCause());
        try {
          processor.markQueued(event, failure.owner(), failure);
        } catch (RuntimeException e) {
          LOG.warn("could not drop the lease; it expires on its own", e);
        }
        backOff(message, receiveCount);
        return Handled.FAILED;
      }
    } catch (RuntimeException unexpected) {
      if (AwsFailures.isAccessDenied(unexpected)) {
        LOG.error("stripe event retry refused by AWS permissions reason={} receiveCount={}", AwsFailures.ACCESS_DENIED,
            receiveCount, unexpected);
        backOff(message, LONGEST_STEP);
        return Handled.ACCESS_DENIED;
      }
      LOG.error("stripe event retry failed unexpectedly receiveCount={}", receiveCount, unexpected);
      backOff(message, receiveCount);
      return Handled.FAILED;
    } finally {
      LogContext.remove("sqsMessageId");
      LogContext.remove("stripeEventId");
    }
  }

  private Handled denied(StripeEvent event, ProcessingFailedException failure, Message message, int receiveCount) {
    LOG.error("stripe event retry refused by AWS permissions reason={} receiveCount={}", AwsFailures.ACCESS_DENIED,
        receiveCount, failure.getCause());
    try {
      processor.markQueued(event, failure.owner(), failure);
    } catch (RuntimeException e) {
      LOG.warn("could not drop the lease; it expires on its own", e);
    }
    backOff(message, LONGEST_STEP);
    return Handled.ACCESS_DENIED;
  }

  private void delete(Message message) {
    try {
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    } catch (RuntimeException e) {
      // The message comes back; the ledger says DONE and it is deleted then.
      LOG.warn("deleting a processed retry message failed", e);
    }
  }

  private void backOff(Message message, int receiveCount) {
    long seconds = Math.min(MAX_VISIBILITY_SECONDS, backoff.delayAfter(receiveCount).toSeconds());
    try {
      sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
          .visibilityTimeout((int) seconds));
    } catch (RuntimeException e) {
      // The queue's own visibility timeout brings it back instead.
      LOG.warn("changing the retry message's visibility failed", e);
    }
  }
}
