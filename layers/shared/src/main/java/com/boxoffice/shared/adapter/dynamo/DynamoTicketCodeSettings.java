package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.code.CodeDisplayRules;
import com.boxoffice.shared.port.out.TicketCodeSettings;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link TicketCodeSettings} from the table: the event item's {@code rotatingCodes},
 * {@code printedCodesAllowed} (absent: allowed) and {@code rotationStepSeconds} (absent: 15), and
 * the ticket item's {@code codeVersion} (absent: 0). One projected {@code GetItem} each.
 */
public final class DynamoTicketCodeSettings implements TicketCodeSettings {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoTicketCodeSettings(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public CodeDisplayRules rulesFor(String eventId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
        .key(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))
        .projectionExpression("rotatingCodes, printedCodesAllowed, rotationStepSeconds")).item();
    if (item == null || item.isEmpty()) {
      return CodeDisplayRules.STATIC;
    }
    AttributeValue step = item.get("rotationStepSeconds");
    return new CodeDisplayRules(bool(item, "rotatingCodes", false), bool(item, "printedCodesAllowed", true),
        step == null || step.n() == null ? CodeDisplayRules.DEFAULT_STEP : Duration.ofSeconds(Long.parseLong(step.n())));
  }

  @Override
  public int codeVersion(String ticketId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("TICKET#" + ticketId), "sk", AttributeValue.fromS("TICKET")))
        .projectionExpression("codeVersion")).item();
    AttributeValue v = item == null ? null : item.get("codeVersion");
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }

  private static boolean bool(Map<String, AttributeValue> item, String name, boolean absent) {
    AttributeValue v = item.get(name);
    return v == null || v.bool() == null ? absent : v.bool();
  }
}
