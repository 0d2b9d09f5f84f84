package com.boxoffice.webhook;

import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.port.EmailOutbox;
import com.boxoffice.shared.port.OrderPayments;
import com.boxoffice.shared.port.TicketCodes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The order, ticket-code and email ports the webhook works through, built once at init. With no
 * implementation wired here, init fails with a configuration error naming the port: the endpoint
 * answers 503 {@code configuration_error} and Stripe keeps every event for its retries.
 */
record WebhookPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox) {

  static WebhookPorts fromEnvironment(Env env, AwsClients aws, DynamoDbClient dynamo) {
    throw new ConfigurationException("OrderPayments", "no implementation is wired into this function");
  }
}
