package com.boxoffice.shared.domain.leakfixture;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Deliberately wrong: a domain class holding the AWS SDK client and an adapter. Only the rule tests import it. */
public final class TicketPricingWithDynamo {
  private final DynamoDbClient dynamo;
  private final DynamoOrderStore orders;

  public TicketPricingWithDynamo(DynamoDbClient dynamo, DynamoOrderStore orders) {
    this.dynamo = dynamo;
    this.orders = orders;
  }

  public String describe() {
    return dynamo.serviceName() + " " + orders;
  }
}
