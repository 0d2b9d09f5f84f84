package com.boxoffice.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.OrganizerAction;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.testing.TestLambdaContext;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reminder task on DynamoDB Local and ElasticMQ for an event with more buyers than one page of
 * orders: a run short of time stops in the second page and the next goes on from there (the first
 * page's buyers are not claimed again); the event then moved by its organizer to a later time is
 * reminded again, once per buyer, under ids that carry the new start.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class EventRemindersResumeTest {
  static final Map<String, Object> REMINDERS = Map.of("task", "reminders");
  static final int BUYERS = 130;

  @Test
  void aRunCutShortGoesOnFromItsPageAndAMovedEventIsRemindedAgainForItsNewStart(LocalAws aws, LocalResources res,
      LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    String table = res.table("BoxofficeTable");
    var events = new DynamoOrganizerEvents(aws.dynamo(), table);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant starts = now.plus(Duration.ofMinutes(90));
    String eventId = "evt-resume-" + System.nanoTime();
    var v1 = new OrganizerEvent(eventId, "org-1", "Night", "Hall", "UTC", starts, starts.plus(Duration.ofHours(4)),
        null, starts, "eur", EventStatus.ON_SALE, true, false, true, now, now, 1);
    assertThat(events.create(v1, audit(eventId, OrganizerAction.EVENT_CREATED, now))).isTrue();
    for (int i = 0; i < BUYERS; i++) {
      f.order(eventId, String.format("o%03d", i), OrderStatus.PAID, "user-" + i);
    }
    var handler = f.handler(moto.endpoint(), Map.of("PUSH_REMINDER_LEAD_MINUTES", "180"));

    // Time for the first page and a few buyers of the second (PUSH_STOP_BEFORE_MS is 1000).
    AtomicLong left = new AtomicLong(1_000 + 115);
    var cut = handler.handleRequest(REMINDERS, TestLambdaContext.of(left::getAndDecrement));
    int first = (int) cut.get("queued");
    assertThat(first).as("past the first page, short of the end").isGreaterThan(100).isLessThan(BUYERS);
    var rest = handler.handleRequest(REMINDERS, null);
    assertThat(rest).containsEntry("queued", BUYERS - first)
        .as("only the second page's buyers looked at again").containsEntry("skipped", first - 100);

    var v2 = new OrganizerEvent(eventId, "org-1", "Night", "Hall", "UTC", starts.plus(Duration.ofHours(1)),
        starts.plus(Duration.ofHours(5)), null, starts, "eur", EventStatus.ON_SALE, true, false, true, now, now, 2);
    assertThat(events.update(v2, 1, audit(eventId, OrganizerAction.EVENT_UPDATED, now))).isTrue();
    assertThat(handler.handleRequest(REMINDERS, null)).as("postponed").containsEntry("queued", BUYERS);
    assertThat(handler.handleRequest(REMINDERS, null)).containsEntry("queued", 0).containsEntry("events", 0);

    List<String> ids = f.queuedPushes().stream().map(PushNotification::notificationId)
        .filter(id -> id.contains(eventId)).toList();
    assertThat(ids).hasSize(2 * BUYERS).doesNotHaveDuplicates()
        .contains("event-reminder:" + eventId + ":" + starts.getEpochSecond() + ":user-0",
            "event-reminder:" + eventId + ":" + v2.startsAt().getEpochSecond() + ":user-0");
  }

  private static AuditEntry audit(String eventId, OrganizerAction action, Instant at) {
    return AuditEntry.of("org-1", "person-1", action, "event", eventId, at, null, "{}");
  }
}
