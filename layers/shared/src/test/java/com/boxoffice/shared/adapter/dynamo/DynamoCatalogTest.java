package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class DynamoCatalogTest {

  @Test
  void theDemoEventIsSeededOnSaleAndSeedingAgainKeepsTheInventory(LocalAws aws, LocalResources res) {
    var catalog = new DynamoCatalog(aws.dynamo(), res.table("BoxofficeTable"));
    Instant now = Instant.parse("2026-06-01T10:00:00Z");

    var event = catalog.seedDemoEvent(now);
    var store = new DynamoOrderStore(aws.dynamo(), res.table("BoxofficeTable"));
    assertThat(catalog.event("evt-demo")).contains(event);
    assertThat(event.status()).isEqualTo(EventStatus.ON_SALE);
    assertThat(event.onSaleAt(now)).isTrue();
    assertThat(catalog.ticketTypes("evt-demo")).extracting(t -> t.ticketTypeId() + ":" + t.available())
        .containsExactly("general:100", "vip:10");

    aws.dynamo().updateItem(b -> b.tableName(store.table())
        .key(Map.of("pk", AttributeValue.fromS("EVENT#evt-demo"), "sk", AttributeValue.fromS("TYPE#vip")))
        .updateExpression("SET held = :h, available = :a")
        .expressionAttributeValues(Map.of(":h", AttributeValue.fromN("3"), ":a", AttributeValue.fromN("7"))));
    catalog.seedDemoEvent(now);
    assertThat(catalog.ticketTypes("evt-demo").get(1).held()).isEqualTo(3);
  }

  @Test
  void aTicketTypeWrittenWithoutTheAvailableCounterGetsItOnFirstRead(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    aws.dynamo().putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS("EVENT#e1"), "sk", AttributeValue.fromS("TYPE#ga"),
        "ticketTypeId", AttributeValue.fromS("ga"), "name", AttributeValue.fromS("GA"),
        "price", AttributeValue.fromN("1000"), "currency", AttributeValue.fromS("eur"),
        "capacity", AttributeValue.fromN("50"), "held", AttributeValue.fromN("4"), "sold", AttributeValue.fromN("6"),
        "maxPerOrder", AttributeValue.fromN("5"))));

    var types = new DynamoCatalog(aws.dynamo(), table).ticketTypes("e1");

    assertThat(types).singleElement().satisfies(t -> assertThat(t.available()).isEqualTo(40));
    var stored = aws.dynamo().getItem(b -> b.tableName(table)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#e1"), "sk", AttributeValue.fromS("TYPE#ga")))).item();
    assertThat(stored.get("available").n()).isEqualTo("40");
  }
}
