package com.boxoffice.shared.metrics;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.port.out.RetryRunMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link RetryRunMetrics} as one Embedded Metric Format line per run of a task, under
 * {@code function}: the retry drain ({@value #RETRIES_PROCESSED}, {@value #RETRIES_FAILED}...), the
 * reconciliation ({@value #RECONCILED}, {@value #RECONCILIATION_TRUNCATED}, which an alarm watches)
 * and the hold sweep ({@value #HOLDS_RELEASED}...).
 */
public final class EmfRetryRunMetrics implements RetryRunMetrics {
  public static final String RETRIES_RECEIVED = "WebhookRetriesReceived";
  public static final String RETRIES_PROCESSED = "WebhookRetriesProcessed";
  public static final String RETRIES_DUPLICATE = "WebhookRetriesDuplicate";
  public static final String RETRIES_FAILED = "WebhookRetriesFailed";
  public static final String RECONCILED = "OrdersReconciled";
  public static final String RECONCILED_PAID = "ReconciledPaid";
  public static final String RECONCILED_REFUSED = "ReconciledRefused";
  public static final String RECONCILED_EXPIRED = "ReconciledExpired";
  public static final String RECONCILE_FAILED = "ReconcileFailed";
  public static final String RECONCILIATION_TRUNCATED = "ReconciliationTruncated";
  public static final String HOLDS_EXAMINED = "HoldsExamined";
  public static final String HOLDS_RELEASED = "HoldsReleased";
  public static final String HOLDS_FLAGGED = "HoldsFlagged";
  public static final String HOLD_SWEEP_FAILED = "HoldSweepFailed";

  private final EmfMetrics emf;
  private final String function;

  public EmfRetryRunMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void retries(Retries run) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(RETRIES_RECEIVED, run.received());
    values.put(RETRIES_PROCESSED, run.processed());
    values.put(RETRIES_DUPLICATE, run.duplicates());
    values.put(RETRIES_FAILED, run.failed());
    values.put(AwsFailures.ACCESS_DENIED_METRIC, run.accessDenied());
    emf.emit(function, values);
  }

  @Override
  public void reconciliation(Reconciliation run) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(RECONCILED, run.checked());
    values.put(RECONCILED_PAID, run.paid());
    values.put(RECONCILED_REFUSED, run.refused());
    values.put(RECONCILED_EXPIRED, run.expired());
    values.put(RECONCILE_FAILED, run.failed());
    values.put(RECONCILIATION_TRUNCATED, run.truncated() ? 1 : 0);
    emf.emit(function, values);
  }

  @Override
  public void holdSweep(HoldSweep run) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(HOLDS_EXAMINED, run.examined());
    values.put(HOLDS_RELEASED, run.released());
    values.put(HOLDS_FLAGGED, run.flagged());
    values.put(HOLD_SWEEP_FAILED, run.failed());
    emf.emit(function, values);
  }
}
