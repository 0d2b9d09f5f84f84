package com.boxoffice.webhook;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.adapter.stripe.StripeRefunds;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.metrics.EmfPaymentMetrics;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.port.out.Refunds;
import com.boxoffice.shared.port.out.TicketCodes;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The order, ticket-code, email, refund and metric ports the webhook works through, built once at init. */
record WebhookPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox, Refunds refunds,
    PaymentMetrics metrics) {

  static final Duration STRIPE_TIMEOUT = Duration.ofSeconds(3);

  static WebhookPorts fromEnvironment(Env env, SecretSource secrets, DynamoDbClient dynamo, SqsClient sqs) {
    TicketCodes codes = new SignedTicketCodes(SigningKeysSetting.read(secrets));
    var orders = new DynamoOrderPayments(dynamo, env.required("TABLE_NAME"), codes);
    // Short timeouts and one retry: the function has 15 s in all, and a refund that does not
    // answer in time sends the event to the retry queue, whose processor tries again.
    var refunds = new StripeRefunds(StripePaymentGateway.client(secrets.required("STRIPE_SECRET_KEY"),
        env.optional("STRIPE_API_BASE").orElse(null), STRIPE_TIMEOUT, 1));
    return new WebhookPorts(orders, codes, new EmailSqsOutbox(sqs, env.url("EMAIL_QUEUE_URL").toString()), refunds,
        new EmfPaymentMetrics(new EmfMetrics(System.out, Clock.systemUTC()), StripeWebhookHandler.FUNCTION));
  }
}
