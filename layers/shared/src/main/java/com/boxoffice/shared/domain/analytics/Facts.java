package com.boxoffice.shared.domain.analytics;

import java.time.Instant;
import java.util.List;

/**
 * What the analytics need to know about one stored record, read from its image by the adapter. A
 * record the analytics do not summarise has no facts. Every counter is a pure function of these
 * facts ({@link Contributions}), so a change adds {@code after - before} and a recount adds up the
 * current records: both come to the same numbers.
 */
public sealed interface Facts {

  String eventId();

  /** An order: it counts as sold once paid (and stays sold when refunded or disputed). */
  record OrderFacts(String eventId, boolean paid, int ticketCount, long amountPaid, String currency,
      long amountRefunded, Instant paidAt, Instant refundedAt, List<Line> lines) implements Facts {
    public OrderFacts {
      lines = List.copyOf(lines);
    }
  }

  /** One line of an order. */
  record Line(String ticketTypeId, int quantity, long unitPrice) {}

  /** A ticket type: its capacity and the seats held for checkouts in progress. */
  record TicketTypeFacts(String eventId, String ticketTypeId, String name, long capacity, long held)
      implements Facts {}

  /**
   * One seat-counter shard of a large ticket type: the seats held on it. Its type's capacity comes
   * from the type itself, whose own {@code held} is then always 0, so the holds of such a type are
   * the sum over its shards.
   */
  record SeatShardFacts(String eventId, String ticketTypeId, long held) implements Facts {}

  /** A ticket: whether it has been admitted at least once. */
  record TicketFacts(String eventId, String ticketTypeId, boolean admitted) implements Facts {}

  /** An accepted scan at the door (refused scans have no facts). */
  record ScanFacts(String eventId, boolean entry, Instant scannedAt) implements Facts {}
}
