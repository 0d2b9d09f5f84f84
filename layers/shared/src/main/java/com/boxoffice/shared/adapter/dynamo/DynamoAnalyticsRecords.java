package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.analytics.Facts;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import com.boxoffice.shared.port.out.AnalyticsRecords;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@link AnalyticsRecords} as one paginated, strongly consistent {@code Scan} of the business
 * table: orders have no index by event, so a recount reads the table once and sorts by event.
 */
public final class DynamoAnalyticsRecords implements AnalyticsRecords {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoAnalyticsRecords(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public void scan(Consumer<Facts> facts, Consumer<StoredSlot> slots) {
    for (ScanResponse page : dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true))) {
      for (Map<String, AttributeValue> item : page.items()) {
        String pk = item.get("pk").s();
        if (pk.startsWith(AnalyticsItems.SLOT_PREFIX)) {
          slots.accept(DynamoAnalyticsStore.slot(pk.substring(AnalyticsItems.SLOT_PREFIX.length()), item));
        } else {
          AnalyticsItems.facts(item).ifPresent(facts);
        }
      }
    }
  }
}
