package com.boxoffice.webhook;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.port.EmailOutbox;
import com.boxoffice.shared.port.OrderPayments;
import com.boxoffice.shared.port.TicketCodes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The order, ticket-code and email ports the webhook works through, built once at init. */
record WebhookPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox) {

  static WebhookPorts fromEnvironment(Env env, AwsClients aws, SecretSource secrets, DynamoDbClient dynamo) {
    TicketCodes codes = SignedTicketCodes.fromEnvironment(env, secrets);
    var orders = new DynamoOrderPayments(dynamo, env.required("TABLE_NAME"), codes);
    throw new ConfigurationException("EmailOutbox", "no implementation is wired into this function");
  }
}
