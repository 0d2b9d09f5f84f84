package com.boxoffice.webhook;

import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.port.EmailOutbox;
import com.boxoffice.shared.port.OrderPayments;
import com.boxoffice.shared.port.TicketCodes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The order, ticket-code and email ports the webhook works through, built once at init. Until
 * their DynamoDB/SQS implementations are part of the shared layer, init fails with a configuration
 * error naming the missing port: the endpoint answers 503 and Stripe keeps the events for retry.
 */
record WebhookPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox) {

  static WebhookPorts fromEnvironment(Env env, AwsClients aws, DynamoDbClient dynamo) {
    throw new ConfigurationException("OrderPayments", "no implementation is wired into this function");
  }
}
