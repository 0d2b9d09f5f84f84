package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.testing.memory.DoorStoreContract;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The door store contract on DynamoDB Local: the condition expressions do what the in-memory store does. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDoorStoreTest extends DoorStoreContract {
  private DynamoDbClient dynamo;
  private String table;
  private DynamoDoorStore store;
  private DynamoStreamReader stream;

  @BeforeEach
  void connect(LocalAws aws, LocalResources res) {
    dynamo = aws.dynamo();
    table = res.table("BoxofficeTable");
    store = new DynamoDoorStore(dynamo, table);
    stream = new DynamoStreamReader(dynamo, aws.dynamoStreams(), table);
  }

  @Override
  protected DoorStore store() {
    return store;
  }

  @Override
  protected void event(String eventId, DoorEvent event) {
    dynamo.putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT"),
        "eventId", AttributeValue.fromS(eventId), "status", AttributeValue.fromS(event.status().name()),
        "allowReentry", AttributeValue.fromBool(event.allowReentry()),
        "rotatingCodes", AttributeValue.fromBool(event.rotatingCodes()),
        "printedCodesAllowed", AttributeValue.fromBool(event.printedCodesAllowed()))));
  }

  @Override
  protected void assign(String scannerId, String eventId, boolean revoked) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(DynamoDoorStore.assignmentKey(scannerId, eventId));
    item.put("revoked", AttributeValue.fromBool(revoked));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  protected void issue(Ticket ticket) {
    dynamo.putItem(b -> b.tableName(table).item(TicketItems.toItem(ticket)));
  }

  @Override
  protected List<String> scanLog(String ticketId) {
    new TableStream(List.of(new ScanLogProjection(store))).apply(stream.poll()).ifPresent(failed -> {
      throw new AssertionError("stream record " + failed + " failed");
    });
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :scan)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TICKET#" + ticketId),
            ":scan", AttributeValue.fromS("SCAN#"))).consistentRead(true)).items().stream()
        .map(i -> i.get("nonce").s() + ":" + i.get("result").s()).toList();
  }
}
