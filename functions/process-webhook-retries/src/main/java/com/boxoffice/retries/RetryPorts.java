package com.boxoffice.retries;

import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.webhook.HoldSweepTask;
import com.boxoffice.shared.port.EmailOutbox;
import com.boxoffice.shared.port.OrderPayments;
import com.boxoffice.shared.port.TicketCodes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The order, ticket-code, email and hold-sweep ports the scheduled tasks work through, built once
 * at init. With no implementation wired here, init fails with a configuration error naming the
 * port and every invocation fails with it; the retry queue keeps its messages meanwhile.
 */
record RetryPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox, HoldSweepTask holdSweep) {

  static RetryPorts fromEnvironment(Env env, AwsClients aws, DynamoDbClient dynamo) {
    throw new ConfigurationException("OrderPayments", "no implementation is wired into this function");
  }
}
