package com.boxoffice.retries;

import com.boxoffice.shared.adapter.dynamo.DynamoHeldOrders;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.order.HoldPolicy;
import com.boxoffice.shared.domain.order.HoldSweeper;
import com.boxoffice.shared.domain.webhook.HoldSweepTask;
import com.boxoffice.shared.port.out.CheckoutSessionExpiry;
import com.boxoffice.shared.port.out.EmailOutbox;
import com.boxoffice.shared.port.out.OrderPayments;
import com.boxoffice.shared.port.out.TicketCodes;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The order, ticket-code, email and hold-sweep ports the scheduled tasks work through, built once at init. */
record RetryPorts(OrderPayments orders, TicketCodes codes, EmailOutbox outbox, HoldSweepTask holdSweep) {

  /**
   * @param sessions expires an order's Stripe checkout session before the sweep gives its seats back
   */
  static RetryPorts fromEnvironment(Env env, SecretSource secrets, DynamoDbClient dynamo, SqsClient sqs,
      CheckoutSessionExpiry sessions, Clock clock) {
    String table = env.required("TABLE_NAME");
    TicketCodes codes = new SignedTicketCodes(SigningKeysSetting.read(secrets));
    var orders = new DynamoOrderPayments(dynamo, table, codes);
    var policy = new HoldPolicy(Duration.ofDays(env.intValue("HOLD_REVIEW_AFTER_DAYS",
        (int) HoldPolicy.DEFAULT_MAX_HOLD.toDays(), 1, 60)), HoldPolicy.DEFAULT_RECHECK);
    var sweeper = new HoldSweeper(new DynamoHeldOrders(dynamo, table), sessions, policy, clock);
    HoldSweepTask holdSweep = sweeper::sweep;
    return new RetryPorts(orders, codes, new EmailSqsOutbox(sqs, env.url("EMAIL_QUEUE_URL").toString()), holdSweep);
  }
}
