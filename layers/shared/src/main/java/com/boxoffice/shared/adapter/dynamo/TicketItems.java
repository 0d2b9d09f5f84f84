package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB item of a ticket (see docs/data-model.md): {@code pk = TICKET#<ticketId>},
 * {@code sk = TICKET}, indexed by order on {@code gsi1}. Door-side attributes (admission state,
 * last scan) live on the same item and are written only by the scanner.
 */
public final class TicketItems {
  /** The attribute holding how many times the ticket's code was reissued; absent means never. */
  public static final String CODE_VERSION = "codeVersion";

  private TicketItems() {}

  public static Map<String, AttributeValue> key(String ticketId) {
    return Map.of("pk", AttributeValue.fromS("TICKET#" + ticketId), "sk", AttributeValue.fromS("TICKET"));
  }

  public static Map<String, AttributeValue> toItem(Ticket t) {
    Map<String, AttributeValue> item = new HashMap<>(key(t.ticketId()));
    item.put("gsi1pk", AttributeValue.fromS("ORDER#" + t.orderId()));
    item.put("gsi1sk", AttributeValue.fromS("TICKET#" + t.ticketId()));
    item.put("type", AttributeValue.fromS("ticket"));
    item.put("ticketId", AttributeValue.fromS(t.ticketId()));
    item.put("eventId", AttributeValue.fromS(t.eventId()));
    item.put("orderId", AttributeValue.fromS(t.orderId()));
    item.put(OrderItems.EVENT_BUCKET, AttributeValue.fromS(OrderItems.eventBucket(t.eventId(), t.orderId())));
    item.put(OrderItems.SECOND_INDEX_SK, AttributeValue.fromS(t.orderId()));
    item.put("seq", AttributeValue.fromN(Integer.toString(t.seq())));
    item.put("ticketTypeId", AttributeValue.fromS(t.ticketTypeId()));
    if (t.ticketTypeName() != null) {
      item.put("ticketTypeName", AttributeValue.fromS(t.ticketTypeName()));
    }
    if (t.holderName() != null) {
      item.put("holderName", AttributeValue.fromS(t.holderName()));
    }
    item.put("status", AttributeValue.fromS(t.status().name()));
    item.put("issuedAt", AttributeValue.fromS(t.issuedAt().toString()));
    item.put("validFrom", AttributeValue.fromS(t.validFrom().toString()));
    item.put("validUntil", AttributeValue.fromS(t.validUntil().toString()));
    if (t.codeVersion() > 0) {
      item.put(CODE_VERSION, AttributeValue.fromN(Integer.toString(t.codeVersion())));
    }
    return item;
  }

  public static Ticket fromItem(Map<String, AttributeValue> item) {
    return new Ticket(
        s(item, "ticketId"),
        s(item, "eventId"),
        s(item, "orderId"),
        item.containsKey("seq") ? Integer.parseInt(item.get("seq").n()) : 0,
        s(item, "ticketTypeId"),
        s(item, "ticketTypeName"),
        s(item, "holderName"),
        TicketStatus.valueOf(s(item, "status")),
        Instant.parse(s(item, "issuedAt")),
        Instant.parse(s(item, "validFrom")),
        Instant.parse(s(item, "validUntil")),
        codeVersion(item));
  }

  /** The ticket's code version; an item without the attribute still shows the code it was issued with. */
  public static int codeVersion(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(CODE_VERSION);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }
}
