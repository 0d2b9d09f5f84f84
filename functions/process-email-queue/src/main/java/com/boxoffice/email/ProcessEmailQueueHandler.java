package com.boxoffice.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.boxoffice.shared.adapter.dynamo.DynamoEmailLedger;
import com.boxoffice.shared.adapter.dynamo.DynamoSendPacer;
import com.boxoffice.shared.adapter.dynamo.DynamoSuppressionList;
import com.boxoffice.shared.adapter.qr.QrCodes;
import com.boxoffice.shared.adapter.ses.SesDeliveryEvents;
import com.boxoffice.shared.adapter.ses.SesMailer;
import com.boxoffice.shared.adapter.sqs.EmailEventsDrainer;
import com.boxoffice.shared.adapter.sqs.EmailQueueDrainer;
import com.boxoffice.shared.adapter.template.HandlebarsEmailTemplates;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.domain.email.EmailAddresses;
import com.boxoffice.shared.domain.email.EmailBackoff;
import com.boxoffice.shared.domain.email.EmailDelivery;
import com.boxoffice.shared.lambda.ScheduledLambda;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.shared.port.out.Mailer;
import com.boxoffice.shared.port.out.RateLimiter;
import com.boxoffice.shared.port.out.SendPacer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run by EventBridge Scheduler every minute. Records the bounces and complaints waiting on the
 * events queue, then keeps long-polling the email queue and sending, paced to the SES quota and
 * per recipient, until shortly before the function's timeout, so mail leaves seconds after it is
 * queued. Emits its counts as Embedded Metric Format and returns them.
 */
public final class ProcessEmailQueueHandler extends ScheduledLambda<ProcessEmailQueueHandler.Tasks> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessEmailQueueHandler.class);
  public static final String FUNCTION = "process-email-queue";
  public static final List<String> TEMPLATES = List.of("order-confirmation", "payment-refunded");

  /** Everything one run needs. */
  public record Tasks(EmailEventsDrainer events, EmailQueueDrainer drainer, EmfMetrics metrics, Duration stopBefore,
      int maxWaitSeconds, int maxEmptyPolls) {}

  /** What Lambda calls: configuration, templates and clients are read and built once, here. */
  public ProcessEmailQueueHandler() {
    this(Env.system());
  }

  /** The local runner and the system tests pass the environment Lambda would have. */
  public ProcessEmailQueueHandler(Env env) {
    super(FUNCTION, Initialized.attempt(() -> fromEnvironment(env), LOG));
  }

  public ProcessEmailQueueHandler(Tasks tasks) {
    super(FUNCTION, Initialized.of(tasks));
  }

  @Override
  protected Map<String, Object> run(Tasks tasks, Map<String, Object> input, Context context) {
    Object task = input == null ? null : input.get("task");
    if (task != null && !"drain".equals(task)) {
      LOG.error("unknown task; nothing done");
      return Map.of("task", task, "error", "unknown_task");
    }
    int suppressed = tasks.events().drain(10);
    EmailQueueDrainer.DrainReport report;
    try {
      report = tasks.drainer().drain(() -> context == null ? 30_000 : context.getRemainingTimeInMillis(),
          tasks.stopBefore(), tasks.maxWaitSeconds(), tasks.maxEmptyPolls());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the email queue", e);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("received", report.received());
    result.put("sent", report.sent());
    result.put("duplicates", report.duplicates());
    result.put("suppressed", report.suppressed());
    result.put("deferred", report.deferred());
    result.put("retried", report.retried());
    result.put("throttled", report.throttled());
    result.put("deadLettered", report.deadLettered());
      result.put("accessDenied", report.accessDenied());
    result.put("addressesSuppressed", suppressed);
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("EmailSent", report.sent());
    metrics.put("EmailRetried", report.retried());
    metrics.put("EmailThrottled", report.throttled());
    metrics.put("EmailSuppressed", report.suppressed());
    metrics.put("EmailDeadLettered", report.deadLettered());
    metrics.put("EmailDeferred", report.deferred());
      metrics.put(AwsFailures.ACCESS_DENIED_METRIC, report.accessDenied());
    if (!report.queueToSendMs().isEmpty()) {
      List<Long> sorted = new ArrayList<>(report.queueToSendMs());
      Collections.sort(sorted);
      long p50 = sorted.get((sorted.size() - 1) / 2);
      long max = sorted.get(sorted.size() - 1);
      result.put("queueToSendP50Ms", p50);
      result.put("queueToSendMaxMs", max);
      metrics.put("EmailQueueToSendMaxMs", max);
    }
    tasks.metrics().emit(FUNCTION, metrics);
    LOG.info("email run done result={}", result);
    return result;
  }

  static Tasks fromEnvironment(Env env) {
    return fromEnvironment(env, Clock.systemUTC());
  }

  /** As Lambda builds it, on the given clock (the per-recipient windows and the pacer read it). */
  static Tasks fromEnvironment(Env env, Clock clock) {
    return fromEnvironment(env, clock, UnaryOperator.identity());
  }

  /** As Lambda builds it, with the shared send pacer seen through {@code pacer} (tests record its slots). */
  static Tasks fromEnvironment(Env env, Clock clock, UnaryOperator<SendPacer> pacer) {
    return fromEnvironment(env, clock, pacer, UnaryOperator.identity());
  }

  /**
   * As Lambda builds it, with the send pacer seen through {@code pacer} and SES through {@code
   * mailer} (the tests and the benchmark record the instants the sends leave at).
   */
  public static Tasks fromEnvironment(Env env, Clock clock, UnaryOperator<SendPacer> pacer, UnaryOperator<Mailer> mailer) {
    AwsClients aws = new AwsClients(env);
    String table = env.required("TABLE_NAME");
    String queueUrl = env.url("EMAIL_QUEUE_URL").toString();
    String deadLetterUrl = env.url("EMAIL_DLQ_URL").toString();
    String eventsUrl = env.url("EMAIL_EVENTS_QUEUE_URL").toString();
    EmailBackoff backoff;
    try {
      backoff = EmailBackoff.parse(env.optional("EMAIL_BACKOFF_SECONDS").orElse(EmailBackoff.STANDARD));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("EMAIL_BACKOFF_SECONDS", "must be whole seconds separated by commas (0 to 43200)");
    }
    DynamoDbClient dynamo = aws.dynamo();
    SqsClient sqs = aws.sqs();
    EmailDelivery delivery = delivery(env, dynamo, aws.ses(), clock, pacer, mailer);
    var drainer = new EmailQueueDrainer(sqs, queueUrl, deadLetterUrl, delivery, backoff, clock,
        env.intValue("EMAIL_SEND_CONCURRENCY", 8, 1, 10));
    return new Tasks(new EmailEventsDrainer(sqs, eventsUrl, SesDeliveryEvents::parse,
        new DynamoSuppressionList(dynamo, table), clock), drainer,
        new EmfMetrics(System.out, clock),
        Duration.ofMillis(env.intValue("EMAIL_STOP_BEFORE_MS", 10_000, 1_000, 60_000)),
        env.intValue("EMAIL_POLL_WAIT_SECONDS", 20, 0, 20),
        env.intValue("EMAIL_MAX_EMPTY_POLLS", 0, 0, 100));
  }

  /**
   * The share of {@code SES_MAX_SEND_RATE} the pacer hands out. Its slots are exactly one interval
   * apart, but a send leaves a little after its slot (the wake-up), and at the full rate one late
   * send followed by one on time would put rate + 1 sends into some 1-second window. At 0.97 of
   * the rate, rate + 1 slots in a row span 1/0.97 s = 1.0309 s, and a send may leave at most {@link
   * EmailDelivery#SLOT_TOLERANCE} (10 ms) after its slot, so those sends still span more than a
   * second with 20 ms to spare: at the sender no 1-second window holds more than the rate, for 3%
   * of the pace. (At 0.98 and 15 ms the spare was 5 ms, and a sender that lost its core between the
   * check and the call put 11 sends into one second on a loaded machine.)
   */
  static final double RATE_HEADROOM = 0.97;

  /** One job's way out: templates, the job records, the limits and SES, as the environment says. */
  static EmailDelivery delivery(Env env, DynamoDbClient dynamo, SesV2Client ses, Clock clock) {
    return delivery(env, dynamo, ses, clock, UnaryOperator.identity(), UnaryOperator.identity());
  }

  private static EmailDelivery delivery(Env env, DynamoDbClient dynamo, SesV2Client ses, Clock clock,
      UnaryOperator<SendPacer> pacer, UnaryOperator<Mailer> mailer) {
    String table = env.required("TABLE_NAME");
    String sender = env.required("SENDER_ADDRESS");
    if (!EmailAddresses.isValid(sender)) {
      throw new ConfigurationException("SENDER_ADDRESS", "must be an email address");
    }
    double rate = env.doubleValue("SES_MAX_SEND_RATE", 1, 0.01, 10_000);
    int perRecipient = env.intValue("EMAIL_PER_RECIPIENT_PER_MINUTE", 10, 1, 10_000);
    HandlebarsEmailTemplates templates;
    try {
      templates = HandlebarsEmailTemplates.load("email", TEMPLATES, code -> QrCodes.png(code, 320));
    } catch (HandlebarsEmailTemplates.TemplateException e) {
      throw new ConfigurationException("templates", e.getMessage());
    }
    var settings = new EmailDelivery.Settings(sender,
        new RateLimiter.Limit("email-recipient", perRecipient, Duration.ofMinutes(1)),
        Duration.ofSeconds(env.intValue("EMAIL_LEASE_SECONDS", 60, 5, 900)), Duration.ofSeconds(2));
    return new EmailDelivery(templates, new DynamoEmailLedger(dynamo, table), new DynamoSuppressionList(dynamo, table),
        new DynamoRateLimiter(dynamo, table, clock), pacer.apply(new DynamoSendPacer(dynamo, table, "ses", rate * RATE_HEADROOM, clock)),
        mailer.apply(new SesMailer(ses, env.optional("SES_CONFIGURATION_SET").orElse(null))),
        settings, clock, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
  }
}
