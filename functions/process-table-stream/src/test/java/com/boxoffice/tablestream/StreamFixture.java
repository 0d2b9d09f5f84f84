package com.boxoffice.tablestream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.adapter.dynamo.LambdaStreamRecords;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The main table on DynamoDB Local with its stream, a door store to change tickets the way the
 * door does, and the stream's records read with the streams API and handed over in the shape
 * Lambda's event source mapping delivers them.
 */
final class StreamFixture {
  static final Instant NOW = Instant.parse("2036-06-01T19:00:00Z");
  static final String EVENT = "evt-stream";

  final DynamoDbClient dynamo;
  final String table;
  final DynamoDoorStore door;
  final DynamoStreamReader stream;
  private int orders;

  StreamFixture(LocalAws aws, LocalResources res) {
    this.dynamo = aws.dynamo();
    this.table = res.table("BoxofficeTable");
    this.door = new DynamoDoorStore(dynamo, table);
    this.stream = new DynamoStreamReader(dynamo, aws.dynamoStreams(), table);
  }

  Ticket issue() {
    String orderId = String.format("ord_%024x", ++orders + System.nanoTime());
    Ticket t = new Ticket(Ticket.idFor(orderId, 1), EVENT, orderId, 1, "general", "General admission", "Ada Lovelace",
        TicketStatus.VALID, NOW, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6)));
    dynamo.putItem(b -> b.tableName(table).item(TicketItems.toItem(t)));
    return t;
  }

  ScanRequest scan(String scanner, String nonce, Direction direction, Instant at) {
    return new ScanRequest(scanner, EVENT, direction, nonce, "north", "code-not-stored", at);
  }

  /** Scan-log entries of a ticket. */
  List<Map<String, AttributeValue>> scanLog(String ticketId) {
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :scan)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TICKET#" + ticketId),
            ":scan", AttributeValue.fromS("SCAN#"))).consistentRead(true)).items();
  }

  /** Everything the stream holds that was not read yet, as one Lambda event. */
  DynamodbEvent nextBatch() {
    return LambdaStreamRecords.event(stream.pollRecords());
  }
}
