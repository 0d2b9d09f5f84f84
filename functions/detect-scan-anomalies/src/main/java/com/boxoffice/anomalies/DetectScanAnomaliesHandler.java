package com.boxoffice.anomalies;

import com.amazonaws.services.lambda.runtime.Context;
import com.boxoffice.shared.adapter.dynamo.DynamoScanAnomalyStore;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.domain.anomaly.AnomalySettings;
import com.boxoffice.shared.domain.anomaly.ScanAnomalyDetector;
import com.boxoffice.shared.lambda.ScheduledLambda;
import com.boxoffice.shared.metrics.EmfAnomalyMetrics;
import com.boxoffice.shared.metrics.EmfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by EventBridge Scheduler every minute: looks through the scan log of every event whose door
 * may be open for abuse ({@link ScanAnomalyDetector}), writes each anomaly once, and emits one
 * metric line per run that the anomaly alarms watch. Off the door's path: the door never waits for it.
 */
public final class DetectScanAnomaliesHandler extends ScheduledLambda<ScanAnomalyDetector> {
  private static final Logger LOG = LoggerFactory.getLogger(DetectScanAnomaliesHandler.class);
  public static final String FUNCTION = "detect-scan-anomalies";

  /** What Lambda calls. */
  public DetectScanAnomaliesHandler() {
    this(Env.system());
  }

  /** The local runner and the tests pass the environment Lambda would have. */
  public DetectScanAnomaliesHandler(Env env) {
    super(FUNCTION, Initialized.attempt(() -> fromEnvironment(env, Clock.systemUTC()), LOG));
  }

  public DetectScanAnomaliesHandler(ScanAnomalyDetector detector) {
    super(FUNCTION, Initialized.of(detector));
  }

  @Override
  protected Map<String, Object> run(ScanAnomalyDetector detector, Map<String, Object> input, Context context) {
    var run = detector.run();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("events", run.events());
    result.put("scansExamined", run.scansExamined());
    result.put("anomalies", run.found().size());
    LOG.info("anomaly detection done events={} scansExamined={} anomalies={}", run.events(), run.scansExamined(),
        run.found().size());
    return result;
  }

  static ScanAnomalyDetector fromEnvironment(Env env, Clock clock) {
    String table = env.required("TABLE_NAME");
    AnomalySettings settings = settings(env);
    var dynamo = new AwsClients(env).dynamo();
    return new ScanAnomalyDetector(new DynamoScanAnomalyStore(dynamo, table, DynamoScanAnomalyStore.EVENTS_TTL),
        new EmfAnomalyMetrics(new EmfMetrics(System.out, clock), FUNCTION), settings, clock);
  }

  /** The thresholds, each an environment setting with the default of {@link AnomalySettings#DEFAULTS}. */
  static AnomalySettings settings(Env env) {
    AnomalySettings d = AnomalySettings.DEFAULTS;
    return new AnomalySettings(
        Duration.ofSeconds(env.intValue("ANOMALY_MULTI_GATE_WINDOW_SECONDS", (int) d.multiGateWindow().toSeconds(), 5, 3600)),
        env.intValue("ANOMALY_MULTI_GATE_GATES", d.multiGateGates(), 2, 20),
        Duration.ofSeconds(env.intValue("ANOMALY_REFUSAL_WINDOW_SECONDS", (int) d.refusalWindow().toSeconds(), 30, 3600)),
        env.intValue("ANOMALY_REFUSAL_MIN_SCANS", d.refusalMinScans(), 1, 10_000),
        env.intValue("ANOMALY_REFUSAL_SHARE_PERCENT", (int) Math.round(d.refusalShare() * 100), 1, 100) / 100.0,
        Duration.ofSeconds(env.intValue("ANOMALY_FALLBACK_WINDOW_SECONDS", (int) d.fallbackWindow().toSeconds(), 5, 3600)),
        env.intValue("ANOMALY_FALLBACK_BURST", d.fallbackBurst(), 1, 10_000),
        Duration.ofSeconds(env.intValue("ANOMALY_READMISSION_GRACE_SECONDS", (int) d.readmissionGrace().toSeconds(), 0, 3600)));
  }
}
