package com.boxoffice.shared.domain.analytics;

import java.util.Optional;

/**
 * What one record adds to the analytics, as a pure function of its facts. A change of a record
 * adds {@code of(after) - of(before)}; a recount adds {@code of(record)} over every record. Because
 * both are built from this one function, the aggregates kept from the stream and a recount of the
 * records agree exactly when every change was applied once.
 */
public final class Contributions {
  private Contributions() {}

  public static Delta of(Facts facts) {
    Delta d = new Delta();
    switch (facts) {
      case Facts.OrderFacts o -> order(d, o);
      case Facts.TicketTypeFacts t -> {
        Slot type = Slot.type(t.eventId(), t.ticketTypeId());
        Slot totals = Slot.totals(t.eventId());
        d.add(type, Counter.CAPACITY, t.capacity()).add(totals, Counter.CAPACITY, t.capacity());
        d.add(type, Counter.HOLDS, t.held()).add(totals, Counter.HOLDS, t.held());
        d.label(type, Delta.Label.NAME, t.name());
      }
      case Facts.SeatShardFacts s -> d.add(Slot.type(s.eventId(), s.ticketTypeId()), Counter.HOLDS, s.held())
          .add(Slot.totals(s.eventId()), Counter.HOLDS, s.held());
      case Facts.TicketFacts t -> {
        if (t.admitted()) {
          d.add(Slot.totals(t.eventId()), Counter.ADMITTED, 1);
          if (t.ticketTypeId() != null) {
            d.add(Slot.type(t.eventId(), t.ticketTypeId()), Counter.ADMITTED, 1);
          }
        }
      }
      case Facts.ScanFacts s -> {
        Counter c = s.entry() ? Counter.CHECK_INS : Counter.EXITS;
        d.add(Slot.totals(s.eventId()), c, 1).add(Slot.hour(s.eventId(), s.scannedAt()), c, 1);
      }
    }
    return d;
  }

  /** The delta of one change: what the record adds now minus what it added before. */
  public static Delta change(Optional<Facts> before, Optional<Facts> after) {
    Delta d = new Delta();
    after.ifPresent(f -> d.plus(of(f), 1));
    before.ifPresent(f -> d.plus(of(f), -1));
    return d;
  }

  private static void order(Delta d, Facts.OrderFacts o) {
    Slot totals = Slot.totals(o.eventId());
    d.label(totals, Delta.Label.CURRENCY, o.currency());
    if (o.paid()) {
      Slot hour = Slot.hour(o.eventId(), o.paidAt());
      for (Slot s : new Slot[] {totals, hour}) {
        d.add(s, Counter.ORDERS, 1).add(s, Counter.TICKETS_SOLD, o.ticketCount())
            .add(s, Counter.GROSS_AMOUNT, o.amountPaid());
      }
      for (Facts.Line line : o.lines()) {
        Slot type = Slot.type(o.eventId(), line.ticketTypeId());
        d.add(type, Counter.TICKETS_SOLD, line.quantity()).add(type, Counter.GROSS_AMOUNT, line.quantity() * line.unitPrice());
      }
    }
    if (o.amountRefunded() != 0) {
      Slot hour = Slot.hour(o.eventId(), o.refundedAt() != null ? o.refundedAt() : o.paidAt());
      d.add(totals, Counter.REFUNDED_AMOUNT, o.amountRefunded()).add(hour, Counter.REFUNDED_AMOUNT, o.amountRefunded());
    }
  }
}
