package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.port.out.StripeEventParser;
import com.boxoffice.shared.port.out.WebhookMetrics;
import com.boxoffice.shared.port.out.WebhookRetryQueue;
import java.util.Optional;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.ProcessingFailedException;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor.Result;
import com.boxoffice.shared.log.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook delivery from verification to the answer Stripe gets: verify the signature over
 * the raw bytes, parse, process through {@link StripeEventProcessor}, and when processing fails
 * hand the verified event to the retry queue so Stripe can be acknowledged quickly. Only when
 * even that fails is the delivery refused (Stripe then retries it); nothing is lost either way.
 */
public final class StripeWebhookIntake {
  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookIntake.class);

  /** What became of a delivery. */
  public enum Disposition {
    PROCESSED,
    /** The event was already processed. */
    DUPLICATE,
    /** Processing failed now; the event is on the retry queue. */
    QUEUED,
    /** An earlier delivery already put the event on the retry queue. */
    ALREADY_QUEUED,
    /** Another delivery of the same event is being processed right now. */
    IN_PROGRESS
  }

  public record Receipt(Disposition disposition, String eventId, String type, String outcome) {}

  /** Processing failed and the retry queue could not take the event: Stripe must retry. */
  public static final class RetryUnavailableException extends RuntimeException {
    public RetryUnavailableException(Throwable cause) {
      super("event could not be processed nor queued", cause);
    }
  }

  private final StripeSignatureVerifier verifier;
  private final StripeEventProcessor processor;
  private final WebhookRetryQueue retryQueue;
  private final StripeEventParser parser;
  private final WebhookMetrics metrics;

  public StripeWebhookIntake(StripeSignatureVerifier verifier, StripeEventParser parser,
      StripeEventProcessor processor, WebhookRetryQueue retryQueue) {
    this(verifier, parser, processor, retryQueue, WebhookMetrics.none());
  }

  public StripeWebhookIntake(StripeSignatureVerifier verifier, StripeEventParser parser,
      StripeEventProcessor processor, WebhookRetryQueue retryQueue, WebhookMetrics metrics) {
    this.metrics = metrics;
    this.verifier = verifier;
    this.parser = parser;
    this.processor = processor;
    this.retryQueue = retryQueue;
  }

  /**
   * @throws InvalidStripeSignatureException before anything is read or written
   * @throws StripeEvent.MalformedEventException for a verified body that is not a Stripe event
   * @throws RetryUnavailableException when processing and queueing both failed
   */
  public Receipt receive(byte[] rawBody, String signatureHeader) {
    Parsed parsed = new Parsed();
    WebhookMetrics.Outcome outcome = WebhookMetrics.Outcome.ERROR;
    try {
      Receipt receipt = decide(rawBody, signatureHeader, parsed);
      outcome = switch (receipt.disposition()) {
        case PROCESSED -> WebhookMetrics.Outcome.PROCESSED;
        case DUPLICATE -> WebhookMetrics.Outcome.DUPLICATE;
        case QUEUED -> WebhookMetrics.Outcome.QUEUED;
        case ALREADY_QUEUED -> WebhookMetrics.Outcome.ALREADY_QUEUED;
        case IN_PROGRESS -> WebhookMetrics.Outcome.IN_PROGRESS;
      };
      return receipt;
    } catch (InvalidStripeSignatureException e) {
      outcome = WebhookMetrics.Outcome.INVALID_SIGNATURE;
      throw e;
    } catch (StripeEvent.MalformedEventException e) {
      outcome = WebhookMetrics.Outcome.MALFORMED;
      throw e;
    } catch (RetryUnavailableException e) {
      outcome = WebhookMetrics.Outcome.RETRY_UNAVAILABLE;
      throw e;
    } finally {
      try {
        metrics.deliveryEnded(outcome,
            parsed.event == null ? Optional.empty() : StripeEventType.of(parsed.event.type()));
      } catch (RuntimeException e) {
        LOG.warn("webhook metrics not written", e);
      }
    }
  }

  /** The delivery's event once parsed, so its type can be counted however the delivery ends. */
  private static final class Parsed {
    StripeEvent event;
  }

  private Receipt decide(byte[] rawBody, String signatureHeader, Parsed parsed) {
    verifier.verify(rawBody, signatureHeader);
    StripeEvent event = parser.parse(rawBody);
    parsed.event = event;
    LogContext.put("stripeEventId", event.id());
    LogContext.put("stripeEventType", event.type());
    event.orderId().ifPresent(id -> LogContext.put("orderId", id));
    Result result;
    try {
      result = processor.process(event, false);
    } catch (ProcessingFailedException failure) {
      LOG.warn("stripe event processing failed, queueing for retry cause={}", failure.getMessage(), failure.getCause());
      try {
        retryQueue.enqueue(event);
      } catch (RuntimeException queueFailure) {
        LOG.error("stripe event could not be queued for retry; refusing the delivery so Stripe retries",
            queueFailure);
        try {
          processor.release(event, failure.owner(), failure);
        } catch (RuntimeException releaseFailure) {
          LOG.warn("lease release failed; it expires on its own", releaseFailure);
        }
        throw new RetryUnavailableException(queueFailure);
      }
      try {
        processor.markQueued(event, failure.owner(), failure);
      } catch (RuntimeException markFailure) {
        // The message is on the queue; the retry processor takes the event over when the lease ends.
        LOG.warn("marking the event queued failed; the retry takes over after the lease", markFailure);
      }
      return new Receipt(Disposition.QUEUED, event.id(), event.type(), null);
    }
    Disposition disposition = switch (result.status()) {
      case PROCESSED -> Disposition.PROCESSED;
      case DUPLICATE -> Disposition.DUPLICATE;
      case QUEUED_ALREADY -> Disposition.ALREADY_QUEUED;
      case BUSY -> Disposition.IN_PROGRESS;
    };
    return new Receipt(disposition, event.id(), event.type(), result.outcome());
  }
}
