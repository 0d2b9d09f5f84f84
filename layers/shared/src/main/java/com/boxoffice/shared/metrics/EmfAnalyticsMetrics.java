package com.boxoffice.shared.metrics;

import com.boxoffice.shared.port.out.AnalyticsMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link AnalyticsMetrics} as one Embedded Metric Format line per stream batch
 * ({@value #APPLIED}, {@value #DUPLICATES}, {@value #FAILURES}...) and per recount
 * ({@value #DRIFT_FOUND}, {@value #DRIFT_REPAIRED}, which an alarm watches).
 */
public final class EmfAnalyticsMetrics implements AnalyticsMetrics {
  public static final String APPLIED = "AnalyticsChangesApplied";
  public static final String DUPLICATES = "AnalyticsChangesDuplicate";
  public static final String IGNORED = "AnalyticsChangesIgnored";
  public static final String FAILURES = "AnalyticsBatchFailures";
  public static final String BATCH_AGE = "AnalyticsBatchAgeMs";
  public static final String SLOTS_CHECKED = "AnalyticsSlotsChecked";
  public static final String DRIFT_FOUND = "AnalyticsDriftFound";
  public static final String DRIFT_REPAIRED = "AnalyticsDriftRepaired";
  public static final String EVENTS_DEFERRED = "AnalyticsRecountDeferred";

  private final EmfMetrics emf;
  private final String function;

  public EmfAnalyticsMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void batch(Batch batch) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(APPLIED, batch.applied());
    values.put(DUPLICATES, batch.duplicates());
    values.put(IGNORED, batch.ignored());
    values.put(FAILURES, batch.failed());
    values.put(BATCH_AGE, batch.iteratorAgeMillis());
    emf.emit(function, values);
  }

  @Override
  public void recount(Recount recount) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(SLOTS_CHECKED, recount.slotsChecked());
    values.put(DRIFT_FOUND, recount.driftFound());
    values.put(DRIFT_REPAIRED, recount.driftRepaired());
    values.put(EVENTS_DEFERRED, recount.eventsDeferred());
    emf.emit(function, values);
  }
}
