package com.boxoffice.orgorders;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.adapter.stripe.StripeRefunds;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.orgorders.EventCancellation;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.Refunds.RefundRequest;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cancelling an event through the route, with refunds through stripe-mock: a run that dies half way
 * (the refunds port fails after some orders) and is started again refunds every paid order exactly
 * once under its deterministic key, revokes every ticket and queues one notice per order and one
 * push per signed-in buyer.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class CancelEventTest {
  OrgOrdersFixture f;
  RecordingRefunds refunds;

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res, StripeMock stripe) {
    refunds = new RecordingRefunds(new StripeRefunds(StripePaymentGateway.client(StripeMock.API_KEY, stripe.baseUrl(),
        Duration.ofSeconds(5), 0)));
    f = new OrgOrdersFixture(aws, res, refunds);
  }

  @Test
  void aRunThatDiesHalfWayIsResumedAndEveryOrderIsRefundedRevokedAndToldOnce() {
    String event = f.event(f.org);
    List<String> paid = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      paid.add(f.paidOrder(event, 1 + i % 2, "buyer" + i + "@example.com"));
    }
    String path = "/v1/org/events/" + event + "/cancel";

    refunds.failAfter(12);
    var crashed = f.call(f.org, "POST", path, "{\"reason\":\"storm\"}", "cancel-1");
    assertThat(crashed.getStatusCode()).isEqualTo(500);
    assertThat(eventStatus(event)).isEqualTo("CANCELLED");
    var halfway = OrgOrdersFixture.json(f.call(f.org, "GET", "/v1/org/events/" + event + "/cancellation", null));
    assertThat(halfway.get("status").asText()).isEqualTo("running");
    assertThat(halfway.get("ordersRefunded").asInt()).isEqualTo(12);

    refunds.heal();
    var resumed = f.call(f.org, "POST", path, "{\"reason\":\"storm\"}", "cancel-1");
    var again = f.call(f.org, "POST", path, "{\"reason\":\"storm\"}", "cancel-2");

    assertThat(resumed.getStatusCode()).as(resumed.getBody()).isEqualTo(200);
    assertThat(again.getStatusCode()).isEqualTo(200);
    var done = OrgOrdersFixture.json(f.call(f.org, "GET", "/v1/org/events/" + event + "/cancellation", null));
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("ordersRefunded").asInt()).isEqualTo(30);
    assertThat(done.get("ticketsRevoked").asInt()).isEqualTo(45);
    assertThat(done.get("mailsQueued").asInt()).isEqualTo(30);

    Map<String, Long> byKey = refunds.made().stream()
        .collect(Collectors.groupingBy(RefundRequest::idempotencyKey, Collectors.counting()));
    assertThat(byKey).hasSize(30).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(
        paid.stream().map(EventCancellation::refundKey).toList());
    for (String orderId : paid) {
      for (int seq = 1; seq <= 2; seq++) {
        var item = f.ticketItem(Ticket.idFor(orderId, seq));
        if (item != null && !item.isEmpty()) {
          assertThat(f.ticket(Ticket.idFor(orderId, seq)).status()).isEqualTo(TicketStatus.CANCELLED);
        }
      }
    }
    List<EmailJob> notices = f.emailJobs().stream().filter(j -> paid.contains(j.variables().get("orderId"))).toList();
    Map<String, Long> perOrder = notices.stream()
        .collect(Collectors.groupingBy(j -> (String) j.variables().get("orderId"), Collectors.counting()));
    assertThat(perOrder).hasSize(30).allSatisfy((order, count) -> assertThat(count).as(order).isEqualTo(1));
    assertThat(notices).extracting(EmailJob::jobId).containsExactlyInAnyOrderElementsOf(
        paid.stream().map(EventCancellation::noticeJobId).toList());
    assertThat(f.auditOf(f.org)).extracting(e -> e.action()).containsOnly("event.cancelled").hasSize(1);
    // One push to each buyer, part of each order's step: none for an order the crash cut short, none twice on resuming.
    List<PushNotification> pushes = f.pushes().stream().filter(n -> event.equals(n.data().get("eventId"))).toList();
    assertThat(pushes).extracting(PushNotification::notificationId).containsExactlyInAnyOrderElementsOf(
        paid.stream().map(o -> "event-changed:" + event + ":cancelled:" + f.seeded.order(o).get("buyerId").s())
            .toList());
    assertThat(pushes).allSatisfy(n -> {
      assertThat(n.category()).isEqualTo(PushCategory.EVENT_CHANGES);
      assertThat(n.title()).isEqualTo("Event " + event + " is cancelled");
    });
  }

  private String eventStatus(String eventId) {
    return f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))).item().get("status").s();
  }
}
