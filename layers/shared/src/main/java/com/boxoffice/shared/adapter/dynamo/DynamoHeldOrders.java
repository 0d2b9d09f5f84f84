package com.boxoffice.shared.adapter.dynamo;

import static com.boxoffice.shared.adapter.dynamo.OrderItems.s;

import com.boxoffice.shared.domain.order.HoldReviewReason;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.port.out.HeldOrders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link HeldOrders} on the main table. Due orders come from {@code gsi1} under
 * {@code ORDERS#PENDING#<k>}, every partition merged (sort key {@code <releaseAfter>#<orderId>}); a release is the same
 * transaction the expiry event uses ({@link DynamoOrderStore#endUnpaid}). Keeping an order moves
 * its {@code releaseAfter} and sort key; flagging it records {@code reviewReason} and
 * {@code flaggedAt} and moves it to {@code ORDERS#REVIEW} (sort key {@code <flaggedAt>#<orderId>}),
 * where support lists them. Every write is conditional on {@code status = pending}.
 */
public final class DynamoHeldOrders implements HeldOrders {
  /** The {@code gsi1} partition of orders the sweep handed to a person. */
  public static final String REVIEW_INDEX_PK = "ORDERS#REVIEW";

  private final DynamoDbClient dynamo;
  private final String table;
  private final DynamoOrderStore store;

  public DynamoHeldOrders(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.store = new DynamoOrderStore(dynamo, table);
  }

  @Override
  public List<Order> due(Instant now, int limit) {
    return store.releasable(now, limit);
  }

  @Override
  public boolean release(Order order, Instant at) {
    return store.endUnpaid(order, OrderStatus.EXPIRED, at);
  }

  @Override
  public boolean keep(Order order, Instant recheckAt) {
    Instant at = recheckAt.truncatedTo(ChronoUnit.SECONDS);
    return pendingUpdate(order, "SET releaseAfter = :ra, gsi1sk = :gsk", Map.of(
        ":ra", s(at.toString()), ":gsk", s(OrderItems.releaseKey(at, order.orderId()))));
  }

  @Override
  public boolean flagForReview(Order order, HoldReviewReason reason, Instant at) {
    Instant when = at.truncatedTo(ChronoUnit.SECONDS);
    return pendingUpdate(order, "SET reviewReason = :reason, flaggedAt = :at, gsi1pk = :review, gsi1sk = :gsk",
        Map.of(":reason", s(reason.wire()), ":at", s(when.toString()), ":review", s(REVIEW_INDEX_PK),
            ":gsk", s(when + "#" + order.orderId())));
  }

  private boolean pendingUpdate(Order order, String update, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":pending", s(OrderStatus.PENDING.wire()));
    try {
      dynamo.updateItem(b -> b.tableName(table).key(OrderItems.key(order.orderId()))
          .updateExpression(update)
          .conditionExpression("#status = :pending")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(all));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
