package com.boxoffice.orgorders;

import com.boxoffice.shared.adapter.dynamo.DynamoAuditLog;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.adapter.dynamo.DynamoTicketCodeSettings;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerOrders;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.adapter.stripe.StripeRefunds;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.orgorders.EventCancellation;
import com.boxoffice.shared.domain.orgorders.OrderDesk;
import java.time.Clock;
import java.time.Duration;

/**
 * The organizer-orders function's composition root: reads the configuration, builds every client
 * and adapter once per container and hands them to {@link OrganizerOrdersApi}.
 */
final class OrganizerOrdersWiring {
  static final String FUNCTION = "organizer-orders";
  static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);
  /** One Stripe call must leave time for the rest of a request within the function's timeout. */
  static final Duration STRIPE_TIMEOUT = Duration.ofSeconds(5);
  /**
   * How long one cancel request works through orders before it answers with its progress: the
   * function's 29 s less one Stripe call and the page that may be running when it runs out.
   */
  static final Duration CANCELLATION_BUDGET = Duration.ofSeconds(15);

  private OrganizerOrdersWiring() {}

  static OrganizerOrdersApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    String idempotencyTable = env.required("IDEMPOTENCY_TABLE_NAME");
    String emailQueue = env.url("EMAIL_QUEUE_URL").toString();
    String pushQueue = env.url("PUSH_QUEUE_URL").toString();
    AwsClients aws = new AwsClients(env);
    SecretSource secrets = new SecretSource(env, aws::secretValue);
    var codes = new SignedTicketCodes(SigningKeysSetting.read(secrets));
    Clock clock = Clock.systemUTC();
    var dynamo = aws.dynamo();
    var refunds = new StripeRefunds(StripePaymentGateway.client(secrets.required("STRIPE_SECRET_KEY"),
        env.optionalUrl("STRIPE_API_BASE").map(Object::toString).orElse(null), STRIPE_TIMEOUT, 1));
    var desk = new OrderDesk(new DynamoEventOwners(dynamo, table), new DynamoOrderStore(dynamo, table),
        new DynamoOrganizerOrders(dynamo, table), new DynamoAuditLog(dynamo, table),
        new EmailSqsOutbox(aws.sqs(), emailQueue), codes, refunds, clock, new DynamoTicketCodeSettings(dynamo, table));
    var cancellations = new EventCancellation(new DynamoEventOwners(dynamo, table), new DynamoOrderStore(dynamo, table),
        new DynamoOrganizerOrders(dynamo, table), refunds, new EmailSqsOutbox(aws.sqs(), emailQueue),
        new PushSqsOutbox(aws.sqs(), pushQueue), new DynamoAuditLog(dynamo, table), clock, CANCELLATION_BUDGET);
    return new OrganizerOrdersApi(desk, cancellations,
        new DynamoIdempotencyStore(dynamo, idempotencyTable, IDEMPOTENCY_RETENTION), clock);
  }
}
