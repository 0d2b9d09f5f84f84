package com.boxoffice.tablestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.adapter.dynamo.OrderItems;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.OrganizerAction;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.push.EventAnnouncement;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An organizer's change of an event's time or venue, written to DynamoDB Local, reaches the push
 * queue on ElasticMQ through the table's stream and the handler as Lambda builds it as one
 * announcement job under the change's id (the buyers are found by the push processor, not here),
 * the same job again when the batch is delivered twice; a rename and a status change queue none.
 */
@ExtendWith(LocalAwsExtension.class)
class EventChangePushTest {
  static final Instant STARTS = Instant.parse("2036-07-01T18:00:00Z");

  StreamFixture f;
  DynamoOrganizerEvents events;
  SqsClient sqs;
  String pushQueue;
  ProcessTableStreamHandler handler;
  final String eventId = "evt-change-" + System.nanoTime();

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    f = new StreamFixture(aws, res);
    events = new DynamoOrganizerEvents(f.dynamo, f.table);
    sqs = aws.sqs();
    pushQueue = res.queueUrl("PushQueue");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    env.put("TABLE_NAME", f.table);
    env.put("PUSH_QUEUE_URL", pushQueue);
    handler = new ProcessTableStreamHandler(new Env(env));
  }

  @Test
  void aNewTimeTellsEachPaidBuyerOnceAndARenameOrACancellationTellsNobody() {
    OrganizerEvent v1 = new OrganizerEvent(eventId, "org-1", "Night", "Hall A", "Europe/Berlin", STARTS,
        STARTS.plus(Duration.ofHours(4)), null, STARTS, "eur", EventStatus.ON_SALE, true, false, true, STARTS, STARTS,
        1);
    assertThat(events.create(v1, audit(OrganizerAction.EVENT_CREATED))).isTrue();
    order("o1", OrderStatus.PAID, "ada");
    order("o2", OrderStatus.PARTIALLY_REFUNDED, "ada");
    order("o3", OrderStatus.PAID, "grace");
    order("o4", OrderStatus.PAID, null);
    order("o5", OrderStatus.PENDING, "linus");
    order("o6", OrderStatus.REFUNDED, "barbara");
    assertThat(handler.handleRequest(f.nextBatch(), null).getBatchItemFailures()).as("inserts").isEmpty();
    assertThat(pushes()).as("creating and selling tell nobody").isEmpty();

    OrganizerEvent v2 = next(v1, STARTS.plus(Duration.ofHours(1)), v1.venue(), v1.name());
    assertThat(events.update(v2, 1, audit(OrganizerAction.EVENT_UPDATED))).isTrue();
    var batch = f.nextBatch();
    assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
    assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).as("delivered again").isEmpty();

    List<EventAnnouncement> queued = pushes();
    assertThat(queued).as("one job per change seen, the same job when the record is delivered again")
        .hasSize(2).containsOnly(queued.get(0));
    assertThat(queued.get(0).jobId()).isEqualTo("event-announcement:" + eventId + ":v2");
    assertThat(queued.get(0).title()).isEqualTo("Night has changed");
    assertThat(queued.get(0).body()).startsWith("Now starts Tue 1 Jul 2036, 21:00.");
    assertThat(queued.get(0).to("ada").notificationId()).isEqualTo("event-changed:" + eventId + ":v2:ada");
    assertThat(queued.get(0).to("ada").category()).isEqualTo(PushCategory.EVENT_CHANGES);

    OrganizerEvent v3 = next(v2, v2.startsAt(), v2.venue(), "Night, renamed");
    assertThat(events.update(v3, 2, audit(OrganizerAction.EVENT_UPDATED))).isTrue();
    assertThat(handler.handleRequest(f.nextBatch(), null).getBatchItemFailures()).isEmpty();
    assertThat(pushes()).as("a rename").isEmpty();

    OrganizerEvent v4 = next(v3, v3.startsAt(), "Hall B", v3.name());
    assertThat(events.update(v4, 3, audit(OrganizerAction.EVENT_UPDATED))).isTrue();
    assertThat(handler.handleRequest(f.nextBatch(), null).getBatchItemFailures()).isEmpty();
    assertThat(pushes()).extracting(EventAnnouncement::jobId, EventAnnouncement::body).containsExactly(
        tuple("event-announcement:" + eventId + ":v4", "Now at Hall B. The details are in the app."));

    f.dynamo.updateItem(b -> b.tableName(f.table)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))
        .updateExpression("SET #s = :c").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CANCELLED"))));
    assertThat(handler.handleRequest(f.nextBatch(), null).getBatchItemFailures()).isEmpty();
    assertThat(pushes()).as("a cancellation (told order by order by its route)").isEmpty();
  }

  private static OrganizerEvent next(OrganizerEvent e, Instant startsAt, String venue, String name) {
    return new OrganizerEvent(e.eventId(), e.organizationId(), name, venue, e.timeZone(), startsAt,
        startsAt.plus(Duration.ofHours(4)), e.salesOpenAt(), e.salesCloseAt(), e.currency(), e.status(),
        e.allowReentry(), e.rotatingCodes(), e.printedCodesAllowed(), e.createdAt(), STARTS, e.version() + 1);
  }

  private AuditEntry audit(OrganizerAction action) {
    return AuditEntry.of("org-1", "person-1", action, "event", eventId, STARTS, null, "{}");
  }

  private void order(String suffix, OrderStatus status, String buyerId) {
    String orderId = "ord_" + eventId + "_" + suffix;
    Order o = new Order(orderId, status, eventId, "Night", STARTS, STARTS.plus(Duration.ofHours(4)), buyerId, null,
        "b@example.com", "B", List.of(new OrderLine("ga", "GA", 1, 2500)), 2500, "eur", STARTS, STARTS, STARTS,
        "cs_" + orderId, null, "pi_" + orderId, STARTS, false, 1, 0);
    f.dynamo.putItem(b -> b.tableName(f.table).item(OrderItems.toItem(o)));
  }

  /** The announcement jobs on the push queue now, taken off it (the orders are not read here). */
  private List<EventAnnouncement> pushes() {
    List<EventAnnouncement> all = new ArrayList<>();
    while (true) {
      var messages = sqs.receiveMessage(b -> b.queueUrl(pushQueue).maxNumberOfMessages(10).waitTimeSeconds(0)
          .messageAttributeNames("All")).messages();
      if (messages.isEmpty()) {
        return all;
      }
      for (var m : messages) {
        assertThat(m.messageAttributes().get(PushSqsOutbox.KIND_ATTRIBUTE).stringValue())
            .isEqualTo(PushSqsOutbox.ANNOUNCEMENT_KIND);
        EventAnnouncement job = Json.read(m.body(), EventAnnouncement.class);
        assertThat(m.messageAttributes().get(PushSqsOutbox.NOTIFICATION_ID_ATTRIBUTE).stringValue())
            .isEqualTo(job.jobId());
        all.add(job);
        sqs.deleteMessage(b -> b.queueUrl(pushQueue).receiptHandle(m.receiptHandle()));
      }
    }
  }
}
