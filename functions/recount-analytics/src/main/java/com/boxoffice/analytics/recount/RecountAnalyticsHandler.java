package com.boxoffice.analytics.recount;

import com.amazonaws.services.lambda.runtime.Context;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsRecords;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.domain.analytics.AnalyticsRecount;
import com.boxoffice.shared.lambda.ScheduledLambda;
import com.boxoffice.shared.metrics.EmfAnalyticsMetrics;
import com.boxoffice.shared.metrics.EmfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Run by EventBridge Scheduler every six hours ({@code {"task":"recount"}}): recounts the
 * analytics from the records they summarise, repairs every slot that drifted and reports what it
 * found as metrics.
 */
public final class RecountAnalyticsHandler extends ScheduledLambda<AnalyticsRecount> {
  private static final Logger LOG = LoggerFactory.getLogger(RecountAnalyticsHandler.class);
  public static final String FUNCTION = "recount-analytics";
  public static final String TASK = "recount";

  /** What Lambda calls: the client and the table are read once, here. */
  public RecountAnalyticsHandler() {
    this(Env.system());
  }

  /** The local runner and the tests pass the environment Lambda would have. */
  public RecountAnalyticsHandler(Env env) {
    super(FUNCTION, Initialized.attempt(() -> fromEnvironment(env), LOG));
  }

  public RecountAnalyticsHandler(AnalyticsRecount recount) {
    super(FUNCTION, Initialized.of(recount));
  }

  @Override
  protected Map<String, Object> run(AnalyticsRecount recount, Map<String, Object> input, Context context) {
    Object task = input == null ? null : input.get("task");
    if (task != null && !TASK.equals(task)) {
      LOG.error("unknown task; nothing done");
      return Map.of("task", task, "error", "unknown_task");
    }
    AnalyticsRecount.Result result = recount.run();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("slotsChecked", result.slotsChecked());
    out.put("driftFound", result.driftFound());
    out.put("driftRepaired", result.driftRepaired());
    out.put("eventsDeferred", result.eventsDeferred());
    return out;
  }

  static AnalyticsRecount fromEnvironment(Env env) {
    Clock clock = Clock.systemUTC();
    String table = env.required("TABLE_NAME");
    DynamoDbClient dynamo = new AwsClients(env).dynamo();
    Duration quiet = Duration.ofSeconds(env.intValue("ANALYTICS_RECOUNT_QUIET_SECONDS", 600, 0, 86_400));
    return new AnalyticsRecount(new DynamoAnalyticsRecords(dynamo, table), new DynamoAnalyticsStore(dynamo, table, clock),
        new EmfAnalyticsMetrics(new EmfMetrics(System.out, clock), FUNCTION), clock, quiet);
  }
}
