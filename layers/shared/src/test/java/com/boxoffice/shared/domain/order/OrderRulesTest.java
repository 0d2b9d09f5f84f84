package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRulesTest {
  private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

  private static Order order(List<OrderLine> lines) {
    long total = lines.stream().mapToLong(OrderLine::amount).sum();
    int n = lines.stream().mapToInt(OrderLine::quantity).sum();
    return new Order("ord_1", OrderStatus.PAID, "e", "E", T, T.plus(Duration.ofHours(3)), "u", null, "a@b.co", "A", lines,
        total, "eur", T, T, T, null, null, null, T, false, n, 0);
  }

  @Test
  void onlyTheTransitionsInTheTableAreAllowed() {
    assertThat(OrderStatus.PENDING.canBecome(OrderStatus.PAID)).isTrue();
    assertThat(OrderStatus.EXPIRED.canBecome(OrderStatus.PAID)).isTrue();
    assertThat(OrderStatus.PAID.canBecome(OrderStatus.EXPIRED)).isFalse();
    assertThat(OrderStatus.PAID.canBecome(OrderStatus.PENDING)).isFalse();
    assertThat(OrderStatus.REFUNDED.canBecome(OrderStatus.PAID)).isFalse();
    assertThat(OrderStatus.DISPUTED.canBecome(OrderStatus.REFUNDED)).isFalse();
    assertThat(OrderStatus.PARTIALLY_REFUNDED.canBecome(OrderStatus.REFUNDED)).isTrue();
    for (OrderStatus s : OrderStatus.values()) {
      assertThat(OrderStatus.fromWire(s.wire())).isEqualTo(s);
      assertThat(s.canBecome(OrderStatus.PENDING)).as("nothing goes back to pending").isFalse();
    }
  }

  @Test
  void ticketsAreNumberedInLineOrderWithDeterministicIds() {
    Order o = order(List.of(new OrderLine("ga", "GA", 2, 2500), new OrderLine("vip", "VIP", 1, 9000)));
    var tickets = o.ticketsToIssue(T);
    assertThat(tickets).extracting(t -> t.ticketId() + "/" + t.ticketTypeId())
        .containsExactly("ord_1-1/ga", "ord_1-2/ga", "ord_1-3/vip");
    assertThat(o.ticketsToIssue(T)).isEqualTo(tickets);
  }

  @Test
  void theRequestShapeIsCheckedFieldByField() {
    var p = CheckoutService.shapeProblems(new CheckoutCommand("u", null, "1.2.3.4", "evt 1",
        java.util.Arrays.asList(new CheckoutCommand.Item("ga", 0), null, new CheckoutCommand.Item("ga", 2)),
        "not-an-email", " "));
    assertThat(p).containsOnlyKeys("eventId", "items[0].quantity", "items[1]", "items[2].ticketTypeId", "email", "name");
    var ok = CheckoutService.shapeProblems(new CheckoutCommand("u", null, "1.2.3.4", "evt-1",
        List.of(new CheckoutCommand.Item("ga", 20)), "ada.l+tix@example.co.uk", "Ada Lovelace"));
    assertThat(ok).isEmpty();
    var tooMany = CheckoutService.shapeProblems(new CheckoutCommand("u", null, "1.2.3.4", "evt-1",
        List.of(new CheckoutCommand.Item("ga", 15), new CheckoutCommand.Item("vip", 6)), "a@example.com", "A"));
    assertThat(tooMany).containsOnlyKeys("items");
  }
}
