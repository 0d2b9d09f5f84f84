package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.EventTimeZones;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link EventTimeZones} from the event item's {@code timeZone} (an IANA id such as
 * {@code Europe/Berlin}). An id Java does not know is logged and treated as absent.
 */
public final class DynamoEventTimeZones implements EventTimeZones {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoEventTimeZones.class);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoEventTimeZones(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<ZoneId> zoneOf(String eventId) {
    var item = dynamo.getItem(b -> b.tableName(table)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))
        .projectionExpression("#tz").expressionAttributeNames(Map.of("#tz", "timeZone"))).item();
    if (item == null || !item.containsKey("timeZone")) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(item.get("timeZone").s()));
    } catch (DateTimeException e) {
      LOG.warn("event has an unknown time zone eventId={}; UTC used", eventId);
      return Optional.empty();
    }
  }
}
