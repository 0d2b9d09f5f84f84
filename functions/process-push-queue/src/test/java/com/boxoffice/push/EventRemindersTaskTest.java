package com.boxoffice.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.OrganizerAction;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reminder task on DynamoDB Local and ElasticMQ, run by two handlers at once (a schedule that
 * fired twice, overlapping) and then again: exactly one reminder per signed-in buyer of the event
 * starting within the lead time; none for an event outside it, a cancelled one, one already
 * started, a guest or an unpaid order. The reminder then reaches the buyer's device once.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class EventRemindersTaskTest {
  static final Map<String, Object> REMINDERS = Map.of("task", "reminders");

  @Test
  void overlappingAndRepeatedRunsRemindEachBuyerOnceAndOnlyOfTheEventsDue(LocalAws aws, LocalResources res,
      LocalSns moto) throws Exception {
    var f = new PushFixture(aws, res, moto);
    String table = res.table("BoxofficeTable");
    var events = new DynamoOrganizerEvents(aws.dynamo(), table);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String soon = event(events, "evt-soon", now.plus(Duration.ofMinutes(90)), EventStatus.CLOSED);
    long start = now.plus(Duration.ofMinutes(90)).getEpochSecond();
    String later = event(events, "evt-later", now.plus(Duration.ofHours(5)), EventStatus.ON_SALE);
    String cancelled = event(events, "evt-cancelled", now.plus(Duration.ofHours(1)), EventStatus.CANCELLED);
    String started = event(events, "evt-started", now.minus(Duration.ofMinutes(10)), EventStatus.CLOSED);
    for (String e : List.of(soon, later, cancelled, started)) {
      f.order(e, "a1", OrderStatus.PAID, "ada");
      f.order(e, "a2", OrderStatus.PARTIALLY_REFUNDED, "ada");
      f.order(e, "g1", OrderStatus.PAID, "grace");
      f.order(e, "guest", OrderStatus.PAID, null);
      f.order(e, "p1", OrderStatus.PENDING, "linus");
    }
    var overrides = Map.of("PUSH_REMINDER_LEAD_MINUTES", "180");
    var first = f.handler(moto.endpoint(), overrides);
    var second = f.handler(moto.endpoint(), overrides);
    var together = new CyclicBarrier(2);

    var a = CompletableFuture.supplyAsync(() -> run(first, together));
    var b = CompletableFuture.supplyAsync(() -> run(second, together));
    int queued = (int) a.get().get("queued") + (int) b.get().get("queued");
    var again = first.handleRequest(REMINDERS, null);
    var last = second.handleRequest(REMINDERS, null);

    assertThat(queued).as("both runs together").isEqualTo(2);
    // The next run finds every reminder queued (and marks the event done, if a claim of the other
    // run kept the overlapping ones from doing it); the one after does not read the event again.
    assertThat(again).containsEntry("queued", 0);
    assertThat(last).containsEntry("queued", 0).containsEntry("events", 0);
    List<PushNotification> reminders = f.queuedPushes();
    assertThat(reminders).extracting(PushNotification::notificationId).containsExactlyInAnyOrder(
        "event-reminder:" + soon + ":" + start + ":ada", "event-reminder:" + soon + ":" + start + ":grace");
    assertThat(reminders).allSatisfy(n -> {
      assertThat(n.category()).isEqualTo(PushCategory.EVENT_REMINDERS);
      assertThat(n.title()).isEqualTo("Night " + soon + " starts soon");
    });

    f.register("ada");
    String queue = res.queueUrl("PushQueue");
    reminders.forEach(n -> aws.sqs().sendMessage(m -> m.queueUrl(queue).messageBody(Json.write(n))));
    assertThat(f.handler().handleRequest(Map.of("task", "drain"), null)).containsEntry("sent", 1);
    assertThat(f.published()).extracting(p -> p[1]).containsExactly("event-reminder:" + soon + ":" + start + ":ada");
  }

  private static Map<String, Object> run(ProcessPushQueueHandler handler, CyclicBarrier together) {
    try {
      together.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return handler.handleRequest(REMINDERS, null);
  }

  private static String event(DynamoOrganizerEvents events, String id, Instant startsAt, EventStatus status) {
    String eventId = id + "-" + System.nanoTime();
    var e = new OrganizerEvent(eventId, "org-1", "Night " + eventId, "Hall", "UTC", startsAt,
        startsAt.plus(Duration.ofHours(4)), null, startsAt, "eur", status, true, false, true, startsAt, startsAt, 1);
    assertThat(events.create(e, AuditEntry.of("org-1", "person-1", OrganizerAction.EVENT_CREATED, "event", eventId,
        startsAt, null, "{}"))).isTrue();
    return eventId;
  }
}
