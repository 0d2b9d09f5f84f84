package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.webhook.StripeEventType;
import java.util.Optional;

/**
 * What one webhook delivery reports for operators: how it ended and, once verified and parsed,
 * which of the event types this system acts on it was (empty for any other type and for
 * deliveries refused before parsing). Never an event or order id.
 */
@FunctionalInterface
public interface WebhookMetrics {

  /** How a delivery ended. */
  enum Outcome { PROCESSED, DUPLICATE, QUEUED, ALREADY_QUEUED, IN_PROGRESS, INVALID_SIGNATURE, MALFORMED,
    RETRY_UNAVAILABLE, ERROR }

  void deliveryEnded(Outcome outcome, Optional<StripeEventType> type);

  /** Counts nothing (tests that do not look). */
  static WebhookMetrics none() {
    return (outcome, type) -> { };
  }
}
