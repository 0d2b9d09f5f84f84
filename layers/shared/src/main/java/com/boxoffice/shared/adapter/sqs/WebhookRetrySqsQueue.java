package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.domain.webhook.StripeEvent;
import com.boxoffice.shared.port.out.WebhookRetryQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The webhook retry queue on SQS. The message body is the verified event JSON exactly as Stripe
 * sent it; the event id and type ride as message attributes so an operator can look at a
 * dead-lettered message without reading its body.
 */
public final class WebhookRetrySqsQueue implements WebhookRetryQueue {
  public static final String EVENT_ID_ATTRIBUTE = "stripeEventId";
  public static final String EVENT_TYPE_ATTRIBUTE = "stripeEventType";

  private final SqsClient sqs;
  private final String queueUrl;

  public WebhookRetrySqsQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(StripeEvent event) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(event.payload()).messageAttributes(Map.of(
        EVENT_ID_ATTRIBUTE, SqsMessages.text(event.id()),
        EVENT_TYPE_ATTRIBUTE, SqsMessages.text(event.type()))));
  }
}
