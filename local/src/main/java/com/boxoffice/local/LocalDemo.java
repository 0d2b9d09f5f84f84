package com.boxoffice.local;

import com.boxoffice.shared.adapter.dynamo.DynamoEventReminderStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.testkit.LocalResources;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The demo data of the local stack: one event on sale with two ticket types, a buyer and a
 * scanner assigned to the event, written in the layout of docs/data-model.md.
 */
public final class LocalDemo {
  public static final String EVENT_ID = "evt-demo";

  /** What was seeded. */
  public record Seeded(String eventId, List<String> ticketTypeIds, String buyerId, String buyerEmail, String scannerId) {}

  private final DynamoDbClient dynamo;
  private final String table;
  private final Map<String, Map<String, String>> envByFunction;
  private final Clock clock;

  public LocalDemo(DynamoDbClient dynamo, LocalResources resources, Map<String, Map<String, String>> envByFunction, Clock clock) {
    this.dynamo = dynamo;
    this.table = resources.table("BoxofficeTable");
    this.envByFunction = envByFunction;
    this.clock = clock;
  }

  /**
   * The local QR signing keys (format in docs/ticket-codes.md): one active key, freshly random for
   * every run, which also derives the fallback codes.
   */
  public static String qrSigningKeysJson(SecureRandom random) {
    byte[] master = new byte[32];
    random.nextBytes(master);
    return "{\"active\":\"k1\",\"fallback\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
        + Base64.getEncoder().encodeToString(master) + "\"}}}";
  }

  /** The organization that owns the demo event; the organizer token acts for it. */
  public static final String ORGANIZATION_ID = "org_demo";

  public Seeded seed() {
    Instant now = clock.instant();
    String eventId = EVENT_ID;
    Map<String, AttributeValue> event = new HashMap<>();
    event.put("pk", s("EVENT#" + eventId));
    event.put("sk", s("EVENT"));
    event.put("eventId", s(eventId));
    event.put("organizationId", s(ORGANIZATION_ID));
    event.put("name", s("Boxoffice Demo Night"));
    event.put("venue", s("The Local Hall"));
    event.put("startsAt", s(now.plus(Duration.ofHours(2)).toString()));
    // The reminders' index of events by their start's UTC day (docs/data-model.md).
    event.putAll(DynamoEventReminderStore.startIndexKeys(now.plus(Duration.ofHours(2))));
    event.put("endsAt", s(now.plus(Duration.ofHours(6)).toString()));
    event.put("salesCloseAt", s(now.plus(Duration.ofHours(2)).toString()));
    event.put("currency", s("eur"));
    event.put("status", s("ON_SALE"));
    event.put("allowReentry", AttributeValue.fromBool(true));
    // the app's rotating codes and the printed ones both admit (docs/door.md)
    event.put("rotatingCodes", AttributeValue.fromBool(true));
    event.put("printedCodesAllowed", AttributeValue.fromBool(true));
    event.put("timeZone", s("Europe/Berlin"));
    // On sale: listed by the public catalog (the index entry DynamoOrganizerEvents keeps while ON_SALE).
    event.put("gsi1pk", s(DynamoOrganizerEvents.ON_SALE_INDEX_KEY));
    event.put("gsi1sk", s(now.plus(Duration.ofHours(2)) + "#" + eventId));
    event.put("createdAt", s(now.toString()));
    dynamo.putItem(b -> b.tableName(table).item(event));
    // The organization's list of its events (GET /v1/org/events), as the organizer function keeps it.
    dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("ORG#" + ORGANIZATION_ID),
        "sk", s("EVENT#" + now + "#" + eventId), "eventId", s(eventId))));
    putType(eventId, "general", "General admission", 2500, 100);
    putType(eventId, "vip", "VIP", 9000, 10);
    String scannerId = "scanner-demo";
    dynamo.putItem(b -> b.tableName(table).item(Map.of(
        "pk", s("SCANNER#" + scannerId), "sk", s("EVENT#" + eventId),
        "scannerId", s(scannerId), "eventId", s(eventId), "revoked", AttributeValue.fromBool(false))));
    return new Seeded(eventId, List.of("general", "vip"), "buyer-demo", "ada@example.com", scannerId);
  }

  private void putType(String eventId, String typeId, String name, long price, int capacity) {
    dynamo.putItem(b -> b.tableName(table).item(Map.of(
        "pk", s("EVENT#" + eventId), "sk", s("TYPE#" + typeId),
        "ticketTypeId", s(typeId), "name", s(name),
        "price", AttributeValue.fromN(Long.toString(price)), "currency", s("eur"),
        "capacity", AttributeValue.fromN(Integer.toString(capacity)),
        "held", AttributeValue.fromN("0"), "sold", AttributeValue.fromN("0"),
        "maxPerOrder", AttributeValue.fromN("10"))));
  }

  Map<String, String> environment(String function) {
    return envByFunction.get(function);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
