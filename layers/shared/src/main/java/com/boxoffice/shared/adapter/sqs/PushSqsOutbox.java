package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.PushOutbox;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The push queue on SQS: the notification as JSON in the body, its id and category as message
 * attributes so an operator can tell dead-lettered pushes apart without opening them.
 */
public final class PushSqsOutbox implements PushOutbox {
  public static final String NOTIFICATION_ID_ATTRIBUTE = "notificationId";
  public static final String CATEGORY_ATTRIBUTE = "category";

  private final SqsClient sqs;
  private final String queueUrl;

  public PushSqsOutbox(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(PushNotification n) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(n)).messageAttributes(Map.of(
        NOTIFICATION_ID_ATTRIBUTE, SqsMessages.text(n.notificationId()),
        CATEGORY_ATTRIBUTE, SqsMessages.text(n.category().wire()))));
  }
}
