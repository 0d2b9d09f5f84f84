package com.boxoffice.orgorders;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.adapter.stripe.StripeRefunds;
import com.boxoffice.shared.domain.orgorders.OrderDesk;
import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.OrderPayments.RefundReport;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Organizer refunds through Stripe (stripe-mock): the refund names its tickets, its idempotency key
 * comes from the order and ticket ids, the webhook's handling of the refund then revokes exactly
 * those tickets, and the seats go back on sale once when asked.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class RefundOrderTest {
  OrgOrdersFixture f;
  RecordingRefunds refunds;

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res, StripeMock stripe) {
    refunds = new RecordingRefunds(new StripeRefunds(StripePaymentGateway.client(StripeMock.API_KEY, stripe.baseUrl(),
        Duration.ofSeconds(5), 0)));
    f = new OrgOrdersFixture(aws, res, refunds);
  }

  @Test
  void refundsNamedTicketsWithTheirIdsInTheMetadataAndAKeyFromOrderAndTickets() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 3, "ada@example.com");
    String t1 = Ticket.idFor(orderId, 1);
    String t3 = Ticket.idFor(orderId, 3);
    String body = "{\"ticketIds\":[\"" + t3 + "\",\"" + t1 + "\"],\"restock\":true}";

    var first = f.call(f.org, "POST", "/v1/org/orders/" + orderId + "/refunds", body, "refund-1");
    var again = f.call(f.org, "POST", "/v1/org/orders/" + orderId + "/refunds", body, "refund-2");

    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(202);
    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(202);
    var made = refunds.made();
    assertThat(made).hasSize(2);
    assertThat(made).extracting(r -> r.idempotencyKey()).containsOnly(OrderDesk.refundKey(orderId, List.of(t1, t3)));
    assertThat(made.get(0).ticketIds()).containsExactly(t1, t3);
    assertThat(made.get(0).amount()).isEqualTo(5000L);
    assertThat(made.get(0).paymentIntentId()).isEqualTo("pi_" + orderId);
    assertThat(OrgOrdersFixture.json(first).get("restocked").asBoolean()).isTrue();
    assertThat(OrgOrdersFixture.json(again).get("restocked").asBoolean()).as("seats go back once").isFalse();
    assertThat(f.ticketType(event).get("sold").n()).isEqualTo("1");
    assertThat(f.ticketType(event).get("available").n()).isEqualTo("99");

    // Stripe then reports the refund; the webhook's transition revokes exactly the tickets it names.
    f.payments.refunded(new RefundReport(orderId, "pi_" + orderId, 5000,
        List.of(new RefundRecord("re_1", 5000, true, RefundRecord.parseTickets(t1 + "," + t3))), f.clock.instant()));
    assertThat(f.ticket(t1).status()).isEqualTo(TicketStatus.REFUNDED);
    assertThat(f.ticket(t3).status()).isEqualTo(TicketStatus.REFUNDED);
    assertThat(f.ticket(Ticket.idFor(orderId, 2)).status()).isEqualTo(TicketStatus.VALID);
    assertThat(f.auditOf(f.org)).extracting(e -> e.action()).containsOnly("order.refund_requested");
  }

  @Test
  void refundsAWholeOrderInFullWithoutPuttingSeatsBackUnlessAsked() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 2, "ada@example.com");

    var response = f.call(f.org, "POST", "/v1/org/orders/" + orderId + "/refunds", null);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    assertThat(refunds.made()).hasSize(1);
    assertThat(refunds.made().get(0).amount()).as("the whole payment").isNull();
    assertThat(refunds.made().get(0).ticketIds()).containsExactly(Ticket.idFor(orderId, 1), Ticket.idFor(orderId, 2));
    assertThat(f.ticketType(event).get("sold").n()).isEqualTo("2");
  }

  @Test
  void refundedSeatsOfAShardedTypeGoBackOnTheShardsThatSoldThem() {
    String event = f.event(f.org, "evt-sharded", 4);
    String orderId = f.paidOrder(event, 3, "ada@example.com");
    String body = "{\"ticketIds\":[\"" + Ticket.idFor(orderId, 1) + "\",\"" + Ticket.idFor(orderId, 2) + "\"],"
        + "\"restock\":true}";

    var response = f.call(f.org, "POST", "/v1/org/orders/" + orderId + "/refunds", body, "refund-sharded");

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    assertThat(OrgOrdersFixture.json(response).get("restocked").asBoolean()).isTrue();
    int sold = 0;
    int available = 0;
    for (int k = 0; k < 4; k++) {
      var key = java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
          "STOCK#" + event + "#ga#" + k), "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STOCK"));
      var shard = f.dynamo.getItem(b -> b.tableName(f.table).consistentRead(true).key(key)).item();
      assertThat(Integer.parseInt(shard.get("sold").n())).as("shard " + k).isNotNegative();
      sold += Integer.parseInt(shard.get("sold").n());
      available += Integer.parseInt(shard.get("available").n());
    }
    assertThat(sold).isEqualTo(1);
    assertThat(available).isEqualTo(99);
  }

  @Test
  void refusesTicketsThatAreNotTheOrdersValidTicketsAndBadBodies() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 1, "ada@example.com");
    String other = f.paidOrder(event, 1, "grace@example.com");
    String path = "/v1/org/orders/" + orderId + "/refunds";

    assertThat(OrderDeskRoutesTest.code(f.call(f.org, "POST", path, "{\"ticketIds\":[\"" + Ticket.idFor(other, 1)
        + "\"]}"))).isEqualTo("not_refundable");
    assertThat(OrderDeskRoutesTest.code(f.call(f.org, "POST", path, "{\"ticketIds\":[]}")))
        .isEqualTo("validation_failed");
    assertThat(OrderDeskRoutesTest.code(f.call(f.org, "POST", path, "{\"ticketIds\":\"x\"}")))
        .isEqualTo("invalid_field");
    assertThat(OrderDeskRoutesTest.code(f.call(f.org, "POST", path, "{\"restock\":\"yes\"}")))
        .isEqualTo("invalid_field");
    assertThat(OrderDeskRoutesTest.code(f.call(f.org, "POST", path, "{\"amount\":1}"))).isEqualTo("unknown_field");
    assertThat(refunds.made()).isEmpty();
  }
}
