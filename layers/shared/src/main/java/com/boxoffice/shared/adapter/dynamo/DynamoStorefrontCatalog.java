package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.organizer.OrganizerTicketType;
import com.boxoffice.shared.domain.organizer.Page;
import com.boxoffice.shared.port.out.StorefrontCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The storefront's reads: the on-sale listing from {@code gsi1} ({@code gsi1pk = CATALOG#ON_SALE},
 * written by {@link DynamoOrganizerEvents} while an event is on sale), and an event with its
 * ticket types by key. Reads are eventually consistent: the storefront's answers are cached for
 * seconds anyway. The cursor is the last index sort key read, base64url-encoded.
 */
public final class DynamoStorefrontCatalog implements StorefrontCatalog {
  private static final Pattern INDEX_KEY = Pattern.compile("[0-9TZ:.\\-]+#([A-Za-z0-9_\\-]{1,64})");

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoStorefrontCatalog(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Page<OrganizerEvent> onSale(Optional<String> cursor, int limit) {
    Map<String, AttributeValue> start = cursor.map(DynamoStorefrontCatalog::startKey).orElse(null);
    var page = dynamo.query(b -> b.tableName(table).indexName("gsi1")
        .keyConditionExpression("gsi1pk = :onSale")
        .expressionAttributeValues(Map.of(":onSale", AttributeValue.fromS(DynamoOrganizerEvents.ON_SALE_INDEX_KEY)))
        .limit(limit).exclusiveStartKey(start));
    List<OrganizerEvent> events = page.items().stream().map(DynamoOrganizerEvents::toEvent).toList();
    Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
        ? Optional.of(DynamoOrganizerEvents.encode(page.lastEvaluatedKey().get("gsi1sk").s())) : Optional.empty();
    return new Page<>(events, next);
  }

  @Override
  public Optional<OrganizerEvent> event(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).key(DynamoOrganizerEvents.eventKey(eventId))).item();
    return item == null || item.isEmpty() || !item.containsKey("status") ? Optional.empty()
        : Optional.of(DynamoOrganizerEvents.toEvent(item));
  }

  @Override
  public List<OrganizerTicketType> ticketTypes(String eventId) {
    List<OrganizerTicketType> types = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.query(b -> b.tableName(table)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :type)")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("EVENT#" + eventId),
              ":type", AttributeValue.fromS("TYPE#")))
          .exclusiveStartKey(from));
      page.items().forEach(item -> types.add(DynamoOrganizerEvents.toType(dynamo, table, eventId, item)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    types.sort(Comparator.comparing(OrganizerTicketType::ticketTypeId));
    return types;
  }

  private static Map<String, AttributeValue> startKey(String cursor) {
    String sortKey;
    try {
      sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    var m = INDEX_KEY.matcher(sortKey);
    if (!m.matches()) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    return Map.of("gsi1pk", AttributeValue.fromS(DynamoOrganizerEvents.ON_SALE_INDEX_KEY),
        "gsi1sk", AttributeValue.fromS(sortKey), "pk", AttributeValue.fromS("EVENT#" + m.group(1)),
        "sk", AttributeValue.fromS("EVENT"));
  }
}
