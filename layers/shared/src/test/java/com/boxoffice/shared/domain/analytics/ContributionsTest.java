package com.boxoffice.shared.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a change of a record adds to the analytics, from its image before and after. */
@Tag("fast")
class ContributionsTest {
  static final Instant AT = Instant.parse("2026-12-07T09:10:00Z");

  static Facts.OrderFacts order(boolean paid, long refunded, Instant refundedAt) {
    return new Facts.OrderFacts("e", paid, 2, 5000, "eur", refunded, AT, refundedAt,
        List.of(new Facts.Line("ga", 2, 2500)));
  }

  @Test
  void aPendingOrderBecomingPaidAddsTheOrderItsTicketsAndItsAmountToTotalsHourAndType() {
    Delta d = Contributions.change(Optional.of(order(false, 0, null)), Optional.of(order(true, 0, null)));
    assertThat(d.amounts().get(Slot.totals("e"))).isEqualTo(Map.of(Counter.ORDERS, 1L, Counter.TICKETS_SOLD, 2L,
        Counter.GROSS_AMOUNT, 5000L));
    assertThat(d.amounts().get(Slot.hour("e", AT))).isEqualTo(d.amounts().get(Slot.totals("e")));
    assertThat(d.amounts().get(Slot.type("e", "ga"))).isEqualTo(Map.of(Counter.TICKETS_SOLD, 2L, Counter.GROSS_AMOUNT, 5000L));
  }

  @Test
  void aSecondPartialRefundAddsOnlyTheDifferenceAndMovesItToTheRefundsHour() {
    Instant first = AT.plusSeconds(3600);
    Instant second = AT.plusSeconds(3 * 3600);
    Delta d = Contributions.change(Optional.of(order(true, 1000, first)), Optional.of(order(true, 2500, second)));
    assertThat(d.amounts().get(Slot.totals("e"))).isEqualTo(Map.of(Counter.REFUNDED_AMOUNT, 1500L));
    assertThat(d.amounts().get(Slot.hour("e", first))).isEqualTo(Map.of(Counter.REFUNDED_AMOUNT, -1000L));
    assertThat(d.amounts().get(Slot.hour("e", second))).isEqualTo(Map.of(Counter.REFUNDED_AMOUNT, 2500L));
  }

  @Test
  void anUnchangedRecordAndARecordTheAnalyticsDoNotSummariseAddNothing() {
    assertThat(Contributions.change(Optional.of(order(true, 0, null)), Optional.of(order(true, 0, null))).isEmpty()).isTrue();
    assertThat(Contributions.change(Optional.empty(), Optional.empty()).isEmpty()).isTrue();
  }

  @Test
  void aFirstAdmissionCountsTheTicketOnceAndEveryAcceptedScanCountsInItsHour() {
    Delta admitted = Contributions.change(Optional.of(new Facts.TicketFacts("e", "ga", false)),
        Optional.of(new Facts.TicketFacts("e", "ga", true)));
    assertThat(admitted.amounts().get(Slot.type("e", "ga"))).isEqualTo(Map.of(Counter.ADMITTED, 1L));
    Delta exit = Contributions.change(Optional.empty(), Optional.of(new Facts.ScanFacts("e", false, AT)));
    assertThat(exit.amounts().get(Slot.hour("e", AT))).isEqualTo(Map.of(Counter.EXITS, 1L));
  }

  @Test
  void aHoldMovesTheTypesAndTheEventsHolds() {
    Delta d = Contributions.change(Optional.of(new Facts.TicketTypeFacts("e", "ga", "GA", 100, 0)),
        Optional.of(new Facts.TicketTypeFacts("e", "ga", "GA", 100, 3)));
    assertThat(d.amounts().get(Slot.totals("e"))).isEqualTo(Map.of(Counter.HOLDS, 3L));
    assertThat(d.labels().get(Slot.type("e", "ga"))).containsEntry(Delta.Label.NAME, "GA");
  }

  @Test
  void aHoldOnASeatShardMovesItsTypesAndTheEventsHoldsAndNotTheCapacity() {
    Delta d = Contributions.change(Optional.of(new Facts.SeatShardFacts("e", "big", 2)),
        Optional.of(new Facts.SeatShardFacts("e", "big", 5)));
    assertThat(d.amounts().get(Slot.totals("e"))).isEqualTo(Map.of(Counter.HOLDS, 3L));
    assertThat(d.amounts().get(Slot.type("e", "big"))).isEqualTo(Map.of(Counter.HOLDS, 3L));
  }
}
