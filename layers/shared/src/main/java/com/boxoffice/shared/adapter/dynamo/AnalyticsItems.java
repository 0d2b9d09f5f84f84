package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.analytics.Facts;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.ScanOutcome;
import com.boxoffice.shared.domain.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the facts the analytics need from a stored item (or a stream image of one): orders,
 * ticket types, tickets and accepted scans (see docs/data-model.md). Any other item, including the
 * analytics' own, has no facts.
 */
public final class AnalyticsItems {
  /** The partition of an event's analytics slots: {@code ANALYTICS#<eventId>}. */
  public static final String SLOT_PREFIX = "ANALYTICS#";

  private AnalyticsItems() {}

  public static Optional<Facts> facts(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !item.containsKey("pk") || !item.containsKey("sk")) {
      return Optional.empty();
    }
    String pk = item.get("pk").s();
    String sk = item.get("sk").s();
    if (pk.startsWith("ORDER#") && sk.equals("ORDER")) {
      return order(item);
    }
    if (pk.startsWith("EVENT#") && sk.startsWith("TYPE#")) {
      return Optional.of(new Facts.TicketTypeFacts(pk.substring(6), sk.substring(5), str(item, "name"),
          num(item, "capacity"), num(item, "held")));
    }
    if (pk.startsWith("STOCK#") && sk.equals("STOCK") && str(item, "eventId") != null) {
      return Optional.of(new Facts.SeatShardFacts(str(item, "eventId"), str(item, "ticketTypeId"), num(item, "held")));
    }
    if (pk.startsWith("TICKET#") && sk.equals("TICKET") && str(item, "eventId") != null) {
      return Optional.of(new Facts.TicketFacts(str(item, "eventId"), str(item, "ticketTypeId"),
          item.containsKey("firstAdmittedAt")));
    }
    if (pk.startsWith("TICKET#") && sk.startsWith("SCAN#") && ok(item) && str(item, "eventId") != null
        && str(item, "scannedAt") != null) {
      boolean entry = !Direction.EXIT.wire().equals(str(item, "direction"));
      return Optional.of(new Facts.ScanFacts(str(item, "eventId"), entry, Instant.parse(str(item, "scannedAt"))));
    }
    return Optional.empty();
  }

  private static boolean ok(Map<String, AttributeValue> item) {
    return ScanOutcome.OK.name().toLowerCase(Locale.ROOT).equals(str(item, "result"));
  }

  private static Optional<Facts> order(Map<String, AttributeValue> item) {
    String eventId = str(item, "eventId");
    String status = str(item, "status");
    if (eventId == null || status == null) {
      return Optional.empty();
    }
    List<Facts.Line> lines = new ArrayList<>();
    if (item.containsKey("lines")) {
      for (AttributeValue v : item.get("lines").l()) {
        Map<String, AttributeValue> m = v.m();
        lines.add(new Facts.Line(m.get("ticketTypeId").s(), (int) num(m, "quantity"), num(m, "unitPrice")));
      }
    }
    Instant paidAt = instant(item, "paidAt");
    if (paidAt == null) {
      paidAt = instant(item, "createdAt");
    }
    long paid = item.containsKey("amountPaid") ? num(item, "amountPaid") : num(item, "amountTotal");
    return Optional.of(new Facts.OrderFacts(eventId, OrderStatus.fromWire(status).wasPaid(),
        (int) num(item, "ticketCount"), paid, str(item, "currency"), num(item, "amountRefunded"),
        paidAt, instant(item, "refundedAt"), lines));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String s = str(item, name);
    return s == null ? null : Instant.parse(s);
  }
}
