package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushPreferences;
import com.boxoffice.shared.port.out.PushPreferenceStore;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Push preferences in the main table: {@code pk = PUSHPREFS#<userId>}, {@code sk = PUSH}, one boolean per category. */
public final class DynamoPushPreferences implements PushPreferenceStore {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoPushPreferences(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String userId) {
    return Map.of("pk", AttributeValue.fromS("PUSHPREFS#" + userId), "sk", AttributeValue.fromS("PUSH"));
  }

  @Override
  public PushPreferences find(String userId) {
    var item = dynamo.getItem(b -> b.tableName(table).key(key(userId))).item();
    if (item == null || item.isEmpty()) {
      return PushPreferences.defaults();
    }
    Map<PushCategory, Boolean> enabled = new EnumMap<>(PushCategory.class);
    for (PushCategory c : PushCategory.values()) {
      AttributeValue v = item.get(c.wire());
      if (v != null && v.bool() != null) {
        enabled.put(c, v.bool());
      }
    }
    return new PushPreferences(enabled);
  }

  @Override
  public void save(String userId, PushPreferences preferences) {
    Map<String, AttributeValue> item = new HashMap<>(key(userId));
    preferences.enabled().forEach((c, on) -> item.put(c.wire(), AttributeValue.fromBool(on)));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }
}
