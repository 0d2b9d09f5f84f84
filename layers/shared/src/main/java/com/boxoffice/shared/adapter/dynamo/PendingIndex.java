package com.boxoffice.shared.adapter.dynamo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the pending-order index, which is spread over {@link OrderItems#PENDING_INDEX_SHARDS}
 * {@code gsi1} partitions (plus the unsharded key older orders carry): every partition is
 * queried, page by page, for its oldest entries before the bound, and the answers are merged in
 * sort-key order, so callers still get the oldest {@code limit} entries of the whole index. Each
 * partition is read only up to {@code limit} wanted entries, because the overall oldest
 * {@code limit} are among each partition's oldest {@code limit}.
 */
final class PendingIndex {
  private PendingIndex() {}

  /**
   * The index entries with {@code gsi1sk < bound} that {@code wanted} accepts, oldest first, at
   * most {@code limit}.
   */
  static List<Map<String, AttributeValue>> before(DynamoDbClient dynamo, String table, String bound, int limit,
      Predicate<Map<String, AttributeValue>> wanted) {
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    for (String partition : OrderItems.pendingIndexKeys()) {
      int found = 0;
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> from = start;
        int pageSize = Math.min(100, limit - found);
        var page = dynamo.query(b -> b.tableName(table).indexName("gsi1")
            .keyConditionExpression("gsi1pk = :pk AND gsi1sk < :bound")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                ":bound", AttributeValue.fromS(bound)))
            .limit(pageSize)
            .exclusiveStartKey(from));
        for (var item : page.items()) {
          if (wanted.test(item)) {
            all.add(item);
            found++;
          }
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null && found < limit);
    }
    all.sort(Comparator.comparing(item -> item.get("gsi1sk").s()));
    return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
  }
}
