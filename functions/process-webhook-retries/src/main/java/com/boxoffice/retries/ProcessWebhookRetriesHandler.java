package com.boxoffice.retries;

import com.amazonaws.services.lambda.runtime.Context;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.adapter.dynamo.DynamoTicketCodeSettings;
import com.boxoffice.shared.adapter.dynamo.DynamoPendingOrders;
import com.boxoffice.shared.adapter.sqs.WebhookRetryQueueDrainer;
import com.boxoffice.shared.adapter.stripe.StripeCheckoutSessionLookup;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.adapter.stripe.StripeRefunds;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.metrics.EmfPaymentMetrics;
import com.boxoffice.shared.metrics.EmfRetryRunMetrics;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.domain.webhook.HoldSweepTask;
import com.boxoffice.shared.domain.webhook.OrderReconciler;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.WebhookBackoff;
import com.boxoffice.shared.lambda.ScheduledLambda;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.port.out.PushOutbox;
import com.boxoffice.shared.port.out.RetryRunMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run by EventBridge Scheduler with {@code {"task": ...}}: {@code retries} drains the webhook
 * retry queue until shortly before the function's timeout, {@code reconcile} settles pending
 * orders whose hold expired against Stripe, {@code sweep-holds} releases stale seat holds. An
 * unknown task is answered with an error result and does nothing.
 */
public final class ProcessWebhookRetriesHandler extends ScheduledLambda<ProcessWebhookRetriesHandler.Tasks> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessWebhookRetriesHandler.class);
  public static final String FUNCTION = "process-webhook-retries";

  /** Everything the three tasks need, and where each run's counts go (one metric line per run). */
  public record Tasks(WebhookRetryQueueDrainer drainer, OrderReconciler reconciler, HoldSweepTask holdSweep,
      Clock clock, Duration stopBefore, int maxWaitSeconds, int maxEmptyPolls, int reconcileLimit,
      RetryRunMetrics metrics) {}

  /** What Lambda calls: configuration and clients are read and built once, here. */
  public ProcessWebhookRetriesHandler() {
    this(Env.system());
  }

  /** The local runner and the system tests pass the environment Lambda would have. */
  public ProcessWebhookRetriesHandler(Env env) {
    super(FUNCTION, Initialized.attempt(() -> fromEnvironment(env), LOG));
  }

  public ProcessWebhookRetriesHandler(Tasks tasks) {
    super(FUNCTION, Initialized.of(tasks));
  }

  @Override
  protected Map<String, Object> run(Tasks tasks, Map<String, Object> input, Context context) {
      Object task = input == null ? null : input.get("task");
      LogContext.put("task", task == null ? null : task.toString());
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("task", task);
      switch (task == null ? "" : task.toString()) {
        case "retries" -> {
          var report = tasks.drainer().drain(
              () -> context == null ? 30_000 : context.getRemainingTimeInMillis(),
              tasks.stopBefore(), tasks.maxWaitSeconds(), tasks.maxEmptyPolls());
          result.put("received", report.received());
          result.put("processed", report.processed());
          result.put("duplicates", report.duplicates());
          result.put("failed", report.failed());
          result.put("accessDenied", report.accessDenied());
          tasks.metrics().retries(new RetryRunMetrics.Retries(report.received(), report.processed(),
              report.duplicates(), report.failed(), report.accessDenied()));
        }
        case "reconcile" -> {
          var report = tasks.reconciler().reconcile(tasks.reconcileLimit(),
              () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis(), tasks.stopBefore());
          result.put("checked", report.checked());
          result.put("paid", report.paid());
          result.put("refused", report.refused());
          result.put("expired", report.expired());
          result.put("leftPending", report.leftPending());
          result.put("failed", report.failed());
          result.put("truncated", report.truncated());
          tasks.metrics().reconciliation(new RetryRunMetrics.Reconciliation(report.checked(), report.paid(),
              report.refused(), report.expired(), report.leftPending(), report.failed(), report.truncated()));
        }
        case "sweep-holds" -> {
          var report = tasks.holdSweep().sweep(tasks.clock().instant());
          result.put("examined", report.examined());
          result.put("released", report.released());
          result.put("kept", report.kept());
          result.put("retried", report.retried());
          result.put("flagged", report.flagged());
          result.put("failed", report.failed());
          tasks.metrics().holdSweep(new RetryRunMetrics.HoldSweep(report.examined(), report.released(),
              report.flagged(), report.failed()));
        }
        default -> {
          LOG.error("unknown task; nothing done");
          result.put("error", "unknown_task");
          return result;
        }
      }
      LOG.info("task done result={}", result);
      return result;
  }

  static Tasks fromEnvironment(Env env) {
    AwsClients aws = new AwsClients(env);
    SecretSource secrets = new SecretSource(env, aws::secretValue);
    String table = env.required("TABLE_NAME");
    String retryQueueUrl = env.url("WEBHOOK_RETRY_QUEUE_URL").toString();
    DynamoDbClient dynamo = aws.dynamo();
    Clock clock = Clock.systemUTC();
    SqsClient sqs = aws.sqs();
    var stripe = StripeCheckoutSessionLookup.client(secrets.required("STRIPE_SECRET_KEY"),
        env.optional("STRIPE_API_BASE").orElse(null));
    RetryPorts ports = RetryPorts.fromEnvironment(env, secrets, dynamo, sqs, new StripePaymentGateway(stripe), clock);
    var emf = new EmfMetrics(System.out, clock);
    var processor = new StripeEventProcessor(new DynamoStripeEventLedger(dynamo, table), ports.orders(),
        ports.codes(), new DynamoTicketCodeSettings(dynamo, table)::rulesFor, ports.outbox(), new StripeRefunds(stripe),
        new EmfPaymentMetrics(emf, FUNCTION), clock,
        Duration.ofSeconds(env.intValue("WEBHOOK_LEASE_SECONDS", 60, 5, 900)),
        // The same "tickets issued" push as the webhook, under the same id: whichever path fulfils
        // an order (a retried event, the reconciliation), each device hears once. Optional, as the
        // webhook's: without a push queue nothing is pushed.
        env.optionalUrl("PUSH_QUEUE_URL").<PushOutbox>map(url -> new PushSqsOutbox(sqs, url.toString()))
            .orElse(PushOutbox.NONE));
    var drainer = new WebhookRetryQueueDrainer(sqs, retryQueueUrl, processor, new StripeEventJson(),
        WebhookBackoff.doublingFrom(Duration.ofSeconds(env.intValue("RETRY_BACKOFF_BASE_SECONDS", 60, 0, 3600))));
    var lookup = new StripeCheckoutSessionLookup(stripe);
    var reconciler = new OrderReconciler(new DynamoPendingOrders(dynamo, table), lookup, ports.orders(),
        processor, clock, Duration.ofMinutes(env.intValue("RECONCILE_LOOKAHEAD_MINUTES", 65, 0, 24 * 60)));
    return new Tasks(drainer, reconciler, ports.holdSweep(), clock,
        Duration.ofMillis(env.intValue("RETRY_STOP_BEFORE_MS", 10_000, 1_000, 60_000)),
        env.intValue("RETRY_POLL_WAIT_SECONDS", 20, 0, 20), env.intValue("RETRY_MAX_EMPTY_POLLS", 1, 1, 10), env.intValue("RECONCILE_LIMIT", 500, 1, 5_000),
        new EmfRetryRunMetrics(emf, FUNCTION));
  }
}
