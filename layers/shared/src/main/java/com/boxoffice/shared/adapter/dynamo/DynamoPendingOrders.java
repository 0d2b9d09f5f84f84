package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.PendingOrders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pending orders by the end of their hold, from {@code gsi1}: {@code gsi1pk = ORDERS#PENDING#<k>}
 * over every partition {@code k}, merged ({@link PendingIndex}), {@code gsi1sk = <instant ISO>#<orderId>}
 * (docs/data-model.md). Reads the order attributes
 * {@code orderId}, {@code checkoutSessionId} and {@code holdExpiresAt}.
 */
public final class DynamoPendingOrders implements PendingOrders {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoPendingOrders(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public List<PendingOrder> holdEndingBefore(Instant cutoff, int limit) {
    // Sort keys are "<ISO instant>#<orderId>"; "#~" sorts after every order id of the cutoff second.
    String bound = cutoff.truncatedTo(ChronoUnit.SECONDS) + "#~";
    List<PendingOrder> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : PendingIndex.before(dynamo, table, bound, limit,
        item -> text(item, "orderId") != null)) {
      String expiry = text(item, "holdExpiresAt");
      out.add(new PendingOrder(text(item, "orderId"), text(item, "checkoutSessionId"),
          expiry == null ? null : Instant.parse(expiry)));
    }
    return out;
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }
}
