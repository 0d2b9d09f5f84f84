package com.boxoffice.checkout.leakfixture;

import com.boxoffice.shared.port.out.SuppressionList;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deliberately wrong: a function class that implements a port and builds DynamoDB items itself,
 * which is an adapter's work. Only the rule tests import it.
 */
public final class HandlerWritingItems implements SuppressionList {
  @Override
  public boolean isSuppressed(String address) {
    return false;
  }

  @Override
  public void suppress(String address, String reason, Instant at) {
    Map<String, AttributeValue> item = Map.of("reason", AttributeValue.fromS(reason));
    item.size();
  }
}
