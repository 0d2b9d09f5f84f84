package com.boxoffice.push;

import com.amazonaws.services.lambda.runtime.Context;
import com.boxoffice.shared.adapter.dynamo.DynamoAnnouncementProgress;
import com.boxoffice.shared.adapter.dynamo.DynamoDeviceStore;
import com.boxoffice.shared.adapter.dynamo.DynamoEventReminderStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerOrders;
import com.boxoffice.shared.adapter.dynamo.DynamoPushCollapse;
import com.boxoffice.shared.adapter.dynamo.DynamoPushLedger;
import com.boxoffice.shared.adapter.dynamo.DynamoPushPreferences;
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.shared.adapter.sns.SnsPushGateway;
import com.boxoffice.shared.adapter.sqs.PushQueueDrainer;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.domain.push.DeviceCleanup;
import com.boxoffice.shared.domain.push.EventChangeAnnouncer;
import com.boxoffice.shared.domain.push.EventReminders;
import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.domain.push.PushBackoff;
import com.boxoffice.shared.domain.push.PushDelivery;
import com.boxoffice.shared.lambda.ScheduledLambda;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by EventBridge Scheduler: every minute with {@code {"task":"drain"}} it keeps long-polling
 * the push queue and delivering through SNS until shortly before its timeout; once a day with
 * {@code {"task":"cleanup"}} it removes the devices inactive for longer than
 * {@code PUSH_INACTIVE_RETENTION_DAYS} and their endpoints; every quarter hour with
 * {@code {"task":"reminders"}} it queues the reminders of the events starting within
 * {@code PUSH_REMINDER_LEAD_MINUTES} ({@link EventReminders}). An event change's announcement job on
 * the push queue is walked by {@link EventChangeAnnouncer} for at most {@code PUSH_ANNOUNCE_BUDGET_MS}
 * per run, queueing its buyers' notifications. Emits its counts as Embedded Metric
 * Format (failures by reason as a bounded dimension) and returns them.
 */
public final class ProcessPushQueueHandler extends ScheduledLambda<ProcessPushQueueHandler.Tasks> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessPushQueueHandler.class);
  public static final String FUNCTION = "process-push-queue";
  static final int CLEANUP_BATCH = 500;
  /** A reminder claimed but not confirmed for this long was left by a run that died: taken over. */
  static final int REMINDER_CLAIM_LEASE_MINUTES = 5;

  /** Everything one run needs. */
  public record Tasks(PushQueueDrainer drainer, DeviceCleanup cleanup, EventReminders reminders, EmfMetrics metrics,
      Duration stopBefore, int maxWaitSeconds, int maxEmptyPolls) {}

  public ProcessPushQueueHandler() {
    this(Env.system());
  }

  /** The local runner and the system tests pass the environment Lambda would have. */
  public ProcessPushQueueHandler(Env env) {
    super(FUNCTION, Initialized.attempt(() -> fromEnvironment(env), LOG));
  }

  public ProcessPushQueueHandler(Tasks tasks) {
    super(FUNCTION, Initialized.of(tasks));
  }

  @Override
  protected Map<String, Object> run(Tasks tasks, Map<String, Object> input, Context context) {
    Object task = input == null ? null : input.get("task");
    if ("cleanup".equals(task)) {
      DeviceCleanup.Report report = tasks.cleanup().run(CLEANUP_BATCH);
      tasks.metrics().emit(FUNCTION, Map.of("PushDevicesRemoved", report.removed(),
          "PushCleanupFailed", report.failed()));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("task", "cleanup");
      result.put("examined", report.examined());
      result.put("removed", report.removed());
      result.put("failed", report.failed());
      LOG.info("push cleanup done result={}", result);
      return result;
    }
    if ("reminders".equals(task)) {
      EventReminders.Report report = tasks.reminders().run(
          () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis(), tasks.stopBefore());
      tasks.metrics().emit(FUNCTION, Map.of("PushRemindersQueued", report.queued()));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("task", "reminders");
      result.put("events", report.events());
      result.put("queued", report.queued());
      result.put("skipped", report.skipped());
      LOG.info("event reminders done result={}", result);
      return result;
    }
    if (task != null && !"drain".equals(task)) {
      LOG.error("unknown task; nothing done");
      return Map.of("task", task, "error", "unknown_task");
    }
    PushQueueDrainer.DrainReport report;
    try {
      report = tasks.drainer().drain(() -> context == null ? 30_000 : context.getRemainingTimeInMillis(),
          tasks.stopBefore(), tasks.maxWaitSeconds(), tasks.maxEmptyPolls());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the push queue", e);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("received", report.received());
    result.put("sent", report.sent());
    result.put("duplicates", report.duplicates());
    result.put("deferred", report.deferred());
    result.put("collapsed", report.collapsed());
    result.put("dropped", report.dropped());
    result.put("retried", report.retried());
    result.put("throttled", report.throttled());
    result.put("failed", report.failed());
    result.put("deactivated", report.deactivated());
    result.put("deadLettered", report.deadLettered());
    result.put("accessDenied", report.accessDenied());
    result.put("announced", report.announced());
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("PushSent", report.sent());
    metrics.put("PushFailed", report.failedTotal());
    metrics.put("PushDeferred", report.deferred());
    metrics.put("PushCollapsed", report.collapsed());
    metrics.put("PushDropped", report.droppedTotal());
    metrics.put("PushDevicesDeactivated", report.deactivated());
    metrics.put("PushDeadLettered", report.deadLettered());
    metrics.put(AwsFailures.ACCESS_DENIED_METRIC, report.accessDenied());
    tasks.metrics().emit(FUNCTION, metrics);
    for (var reason : PushFailureReasons.bounded(report.failed()).entrySet()) {
      tasks.metrics().emit(FUNCTION, Map.of(EmfMetrics.Dimension.RESULT, reason.getKey()),
          Map.of("PushFailedByReason", reason.getValue()));
    }
    LOG.info("push run done result={}", result);
    return result;
  }

  static Tasks fromEnvironment(Env env) {
    AwsClients aws = new AwsClients(env);
    Clock clock = Clock.systemUTC();
    String table = env.required("TABLE_NAME");
    String queueUrl = env.url("PUSH_QUEUE_URL").toString();
    String deadLetterUrl = env.url("PUSH_DLQ_URL").toString();
    PushBackoff backoff;
    try {
      backoff = PushBackoff.parse(env.optional("PUSH_BACKOFF_SECONDS").orElse(PushBackoff.STANDARD));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("PUSH_BACKOFF_SECONDS", "must be whole seconds separated by commas (0 to 43200)");
    }
    Map<Platform, String> applications = new EnumMap<>(Platform.class);
    applications.put(Platform.APNS, env.required("SNS_APNS_APPLICATION_ARN"));
    applications.put(Platform.FCM, env.required("SNS_FCM_APPLICATION_ARN"));
    var dynamo = aws.dynamo();
    var gateway = new SnsPushGateway(aws.sns(), applications);
    var devices = new DynamoDeviceStore(dynamo, table);
    var settings = new PushDelivery.Settings(
        new RateLimiter.Limit("push-user", env.intValue("PUSH_PER_USER_PER_HOUR", 10, 1, 10_000), Duration.ofHours(1)),
        new RateLimiter.Limit("push-campaign", env.intValue("PUSH_PER_CAMPAIGN_PER_HOUR", 100, 1, 10_000_000),
            Duration.ofHours(1)),
        Duration.ofSeconds(env.intValue("PUSH_COLLAPSE_WINDOW_SECONDS", 300, 1, 86_400)),
        env.intValue("PUSH_FAILURE_THRESHOLD", 3, 1, 100),
        Duration.ofSeconds(env.intValue("PUSH_LEASE_SECONDS", 30, 5, 900)));
    var delivery = new PushDelivery(devices, new DynamoPushPreferences(dynamo, table), new DynamoPushLedger(dynamo, table),
        new DynamoPushCollapse(dynamo, table, clock), new DynamoRateLimiter(dynamo, table, clock), gateway, settings, clock);
    var outbox = new PushSqsOutbox(aws.sqs(), queueUrl);
    var organizerOrders = new DynamoOrganizerOrders(dynamo, table);
    var announcer = new EventChangeAnnouncer(organizerOrders, outbox, new DynamoAnnouncementProgress(dynamo, table),
        Duration.ofMillis(env.intValue("PUSH_ANNOUNCE_BUDGET_MS", 20_000, 1, 600_000)), clock);
    var drainer = new PushQueueDrainer(aws.sqs(), queueUrl, deadLetterUrl, delivery, announcer, backoff,
        env.intValue("PUSH_SEND_CONCURRENCY", 8, 1, 10),
        // One below the push queue's maxReceiveCount (8): the processor dead-letters with a reason first.
        env.intValue("PUSH_MAX_ATTEMPTS", 7, 1, 100));
    var cleanup = new DeviceCleanup(devices, gateway,
        Duration.ofDays(env.intValue("PUSH_INACTIVE_RETENTION_DAYS", 30, 1, 3650)), clock);
    var reminders = new EventReminders(new DynamoEventReminderStore(dynamo, table),
        organizerOrders, outbox,
        Duration.ofMinutes(env.intValue("PUSH_REMINDER_LEAD_MINUTES", 180, 15, 7 * 24 * 60)),
        Duration.ofMinutes(REMINDER_CLAIM_LEASE_MINUTES), clock);
    return new Tasks(drainer, cleanup, reminders, new EmfMetrics(System.out, clock),
        Duration.ofMillis(env.intValue("PUSH_STOP_BEFORE_MS", 10_000, 1_000, 60_000)),
        env.intValue("PUSH_POLL_WAIT_SECONDS", 20, 0, 20),
        env.intValue("PUSH_MAX_EMPTY_POLLS", 0, 0, 100));
  }
}
