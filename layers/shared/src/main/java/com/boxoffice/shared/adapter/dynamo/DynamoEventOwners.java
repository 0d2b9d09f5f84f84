package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.EventOwners;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the {@code organizationId} of the event record ({@code EVENT#<eventId>} / {@code EVENT}). */
public final class DynamoEventOwners implements EventOwners {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoEventOwners(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<String> ownerOf(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))
        .projectionExpression("organizationId")).item();
    return item == null ? Optional.empty() : Optional.ofNullable(item.get("organizationId")).map(AttributeValue::s);
  }
}
