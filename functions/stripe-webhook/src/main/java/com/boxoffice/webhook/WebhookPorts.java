package com.boxoffice.webhook;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.TicketCodes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The order, ticket-code and email ports the webhook works through, built once at init. */
record WebhookPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox) {

  static WebhookPorts fromEnvironment(Env env, SecretSource secrets, DynamoDbClient dynamo, SqsClient sqs) {
    TicketCodes codes = new SignedTicketCodes(SigningKeysSetting.read(secrets));
    var orders = new DynamoOrderPayments(dynamo, env.required("TABLE_NAME"), codes);
    return new WebhookPorts(orders, codes, new EmailSqsOutbox(sqs, env.url("EMAIL_QUEUE_URL").toString()));
  }
}
