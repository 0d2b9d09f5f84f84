package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.domain.push.EventAnnouncement;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.EventAnnouncementQueue;
import com.boxoffice.shared.port.out.PushOutbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The push queue on SQS: the notification as JSON in the body, its id and category as message
 * attributes so an operator can tell dead-lettered pushes apart without opening them. An event
 * change's announcement job travels on the same queue, told apart by the {@code kind} attribute
 * ({@link #ANNOUNCEMENT_KIND}). Several notifications go in batches of ten; the entries a batch
 * refused are sent again, and whatever is still refused after that fails the call.
 */
public final class PushSqsOutbox implements PushOutbox, EventAnnouncementQueue {
  private static final Logger LOG = LoggerFactory.getLogger(PushSqsOutbox.class);
  public static final String NOTIFICATION_ID_ATTRIBUTE = "notificationId";
  public static final String CATEGORY_ATTRIBUTE = "category";
  public static final String KIND_ATTRIBUTE = "kind";
  public static final String ANNOUNCEMENT_KIND = "event-announcement";
  /** SQS takes at most ten entries per batch. */
  static final int BATCH = 10;
  /** Tries of the entries a batch refused (throttling, a passing failure) before giving up. */
  static final int BATCH_TRIES = 3;

  private final SqsClient sqs;
  private final String queueUrl;

  public PushSqsOutbox(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(PushNotification n) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(n)).messageAttributes(attributes(n)));
  }

  @Override
  public void enqueueAll(List<PushNotification> notifications) {
    for (int from = 0; from < notifications.size(); from += BATCH) {
      sendBatch(notifications.subList(from, Math.min(notifications.size(), from + BATCH)));
    }
  }

  @Override
  public void announce(EventAnnouncement a) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(a)).messageAttributes(Map.of(
        NOTIFICATION_ID_ATTRIBUTE, SqsMessages.text(a.jobId()),
        CATEGORY_ATTRIBUTE, SqsMessages.text(PushCategory.EVENT_CHANGES.wire()),
        KIND_ATTRIBUTE, SqsMessages.text(ANNOUNCEMENT_KIND))));
  }

  private void sendBatch(List<PushNotification> batch) {
    // Entry ids are positions: unique within the request, as SQS wants.
    Map<String, PushNotification> pending = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      pending.put(Integer.toString(i), batch.get(i));
    }
    for (int attempt = 1; attempt <= BATCH_TRIES && !pending.isEmpty(); attempt++) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      pending.forEach((id, n) -> entries.add(SendMessageBatchRequestEntry.builder().id(id)
          .messageBody(Json.write(n)).messageAttributes(attributes(n)).build()));
      var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      response.successful().forEach(ok -> pending.remove(ok.id()));
      for (var failed : response.failed()) {
        LOG.warn("push batch entry refused code={} senderFault={} attempt={}", failed.code(), failed.senderFault(),
            attempt);
      }
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException(pending.size() + " of " + batch.size() + " pushes could not be queued");
    }
  }

  private static Map<String, MessageAttributeValue> attributes(PushNotification n) {
    return Map.of(NOTIFICATION_ID_ATTRIBUTE, SqsMessages.text(n.notificationId()),
        CATEGORY_ATTRIBUTE, SqsMessages.text(n.category().wire()));
  }
}
