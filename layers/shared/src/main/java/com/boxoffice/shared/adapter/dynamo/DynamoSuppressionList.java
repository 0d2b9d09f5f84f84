package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.email.EmailAddresses;
import com.boxoffice.shared.port.out.SuppressionList;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Suppressed addresses in the main table under the address's hash ({@code pk =
 * SUPPRESSED#<hash>}, {@code sk = ADDRESS}), with the reason and when; the address itself is
 * not stored. Entries do not expire: an operator removes one when the buyer asks.
 */
public final class DynamoSuppressionList implements SuppressionList {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoSuppressionList(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String address) {
    return Map.of("pk", AttributeValue.fromS("SUPPRESSED#" + EmailAddresses.key(address)),
        "sk", AttributeValue.fromS("ADDRESS"));
  }

  @Override
  public boolean isSuppressed(String address) {
    var item = dynamo.getItem(b -> b.tableName(table).key(key(address))).item();
    return item != null && !item.isEmpty();
  }

  @Override
  public void suppress(String address, String reason, Instant at) {
    try {
      Map<String, AttributeValue> item = new java.util.HashMap<>(key(address));
      item.put("reason", AttributeValue.fromS(reason));
      item.put("at", AttributeValue.fromS(at.toString()));
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException e) {
      // Already suppressed; the first reason stands.
    }
  }
}
