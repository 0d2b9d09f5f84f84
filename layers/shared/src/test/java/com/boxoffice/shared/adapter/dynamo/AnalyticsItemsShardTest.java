package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.analytics.Facts;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Tag("fast")
class AnalyticsItemsShardTest {

  @Test
  void aSeatShardImageGivesItsHeldSeatsAndAShardedTypeImageItsCapacityWithNoHolds() {
    Map<String, AttributeValue> shard = new HashMap<>(InventoryItems.newShards("evt", "big", 1_000, 4).get(2));
    shard.put("held", AttributeValue.fromN("7"));

    assertThat(AnalyticsItems.facts(shard)).contains(new Facts.SeatShardFacts("evt", "big", 7));

    Map<String, AttributeValue> type = new HashMap<>(InventoryItems.typeKey("evt", "big"));
    type.put("name", AttributeValue.fromS("Floor"));
    type.put("capacity", AttributeValue.fromN("1000"));
    type.put("shards", AttributeValue.fromN("4"));
    assertThat(AnalyticsItems.facts(type)).contains(new Facts.TicketTypeFacts("evt", "big", "Floor", 1_000, 0));
  }
}
