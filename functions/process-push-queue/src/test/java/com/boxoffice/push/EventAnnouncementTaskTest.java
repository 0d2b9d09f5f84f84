package com.boxoffice.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.push.EventAnnouncement;
import com.boxoffice.shared.domain.push.EventChangeAnnouncer;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An event change's announcement job on DynamoDB Local and ElasticMQ, queued twice, walked by the
 * push processor with a budget of one millisecond: the event has more buyers than one page of
 * orders, so the walk takes one run per page (the job going back on the queue in between), queues
 * each signed-in buyer of a paid order once with batched sends, and the duplicated job walks
 * nothing; the buyers with a device each get the push once.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class EventAnnouncementTaskTest {
  static final int BUYERS = EventChangeAnnouncer.PAGE + 30;

  @Test
  void aLargeEventIsAnnouncedOverSeveralRunsOncePerBuyerWhateverTheDuplicates(LocalAws aws, LocalResources res,
      LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    String table = res.table("BoxofficeTable");
    String eventId = "evt-announce-" + System.nanoTime();
    for (int i = 0; i < BUYERS; i++) {
      f.order(eventId, "o" + i, OrderStatus.PAID, "user-" + i);
    }
    f.order(eventId, "guest", OrderStatus.PAID, null);
    f.order(eventId, "pending", OrderStatus.PENDING, "user-pending");
    f.register("user-0");
    f.register("user-" + (BUYERS - 1));
    var job = new EventAnnouncement(eventId, "v2", "Night has changed", "Now at Hall B. The details are in the app.");
    f.outbox.announce(job);
    f.outbox.announce(job);
    var handler = f.handler(moto.endpoint(), Map.of("PUSH_ANNOUNCE_BUDGET_MS", "1",
        "PUSH_PER_CAMPAIGN_PER_HOUR", "10000"));

    int announced = 0;
    int drains = 0;
    while ((f.inQueue("PushQueue") > 0 || drains == 0) && drains < 30) {
      announced += PushFixture.count(PushFixture.drain(handler), "announced");
      drains++;
    }

    assertThat(f.inQueue("PushQueue")).as("everything handled").isZero();
    assertThat(f.inQueue("PushDeadLetterQueue")).isZero();
    assertThat(announced).as("each buyer queued once, the duplicated job queueing nothing").isEqualTo(BUYERS);
    var progress = aws.dynamo().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("ANNOUNCEMENT#v2")))).item();
    assertThat(progress.get("done").bool()).isTrue();
    assertThat(progress.get("queued").n()).isEqualTo(Integer.toString(BUYERS));
    assertThat(progress.get("runs").n()).as("one run per page of orders").isEqualTo("2");
    assertThat(progress).doesNotContainKeys("cursor", "leaseUntil", "runId");
    for (int i = 0; i < BUYERS; i++) {
      assertThat(f.ledger.verdict("event-changed:" + eventId + ":v2:user-" + i)).as("user-" + i).isPresent();
    }
    assertThat(f.ledger.verdict("event-changed:" + eventId + ":v2:user-pending")).isEmpty();
    assertThat(f.published()).extracting(p -> p[1]).containsExactlyInAnyOrder(
        "event-changed:" + eventId + ":v2:user-0", "event-changed:" + eventId + ":v2:user-" + (BUYERS - 1));
  }
}
