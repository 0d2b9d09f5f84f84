package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issuing tickets writes their fallback-code index entries in the same transaction, once. */
@ExtendWith(LocalAwsExtension.class)
class FallbackCodeIndexTest {
  static final Instant NOW = Instant.parse("2036-06-01T18:00:00Z");

  @Test
  void everyIssuedTicketCanBeFoundByItsFallbackCodeWithOneRead(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var codes = new SignedTicketCodes(SigningKeysSetting.parse("{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
        + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}", "QR_SIGNING_KEYS"));
    new DynamoCatalog(aws.dynamo(), table).putTicketType(new TicketType("evt-1", "ga", "General", 2500, "eur", 10, 0, 0,
        10, 10));
    var store = new DynamoOrderStore(aws.dynamo(), table);
    var line = new OrderLine("ga", "General", 3, 2500);
    Order o = new Order("ord_fallback1", OrderStatus.PENDING, "evt-1", "Night", NOW.plus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(3)), "user-1", null, "ada@example.com", "Ada", List.of(line),
        7500, "eur", NOW, NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null,
        false, 0, 0);
    store.placeHold(o);
    store.attachSession(o.orderId(), "cs_1", "https://pay.example/1", NOW.plus(Duration.ofMinutes(36)));
    var payments = new DynamoOrderPayments(aws.dynamo(), table, codes);
    var confirmation = new PaymentConfirmation(o.orderId(), "cs_1", "pi_1", 7500, "eur", NOW.plus(Duration.ofMinutes(5)));

    var paid = payments.paid(confirmation);
    assertThat(paid.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(payments.paid(confirmation).outcome()).isEqualTo(Outcome.ALREADY_APPLIED);

    var door = new DynamoDoorStore(aws.dynamo(), table);
    for (Ticket t : paid.order().tickets()) {
      var entry = door.fallback("evt-1", codes.fallbackCodeFor(t)).orElseThrow();
      assertThat(entry.ticketId()).isEqualTo(t.ticketId());
      assertThat(entry.validFrom()).isEqualTo(t.validFrom());
      assertThat(entry.validUntil()).isEqualTo(t.validUntil());
      assertThat(door.fallback("evt-other", codes.fallbackCodeFor(t))).as("scoped to the event").isEmpty();
    }
    assertThat(paid.order().tickets()).hasSize(3);
  }
}
