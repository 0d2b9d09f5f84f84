package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.webhook.StripeEvent;

/**
 * Where a verified event goes when processing it failed, so it is retried with backoff and,
 * if it keeps failing, dead-lettered with an alarm, instead of being lost.
 */
public interface WebhookRetryQueue {
  void enqueue(StripeEvent event);
}
