package com.boxoffice.shared.metrics;

import com.boxoffice.shared.domain.anomaly.AnomalyKind;
import com.boxoffice.shared.port.out.AnomalyMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link AnomalyMetrics} as one Embedded Metric Format line per detector run, under
 * {@code function}: {@value #SCANS_EXAMINED} and one count per anomaly kind
 * ({@code AnomalyMultiGate}, {@code AnomalyScannerRefusals}, {@code AnomalyFallbackBurst},
 * {@code AnomalyReadmissionAttempt}), zeros included so the alarms see data every minute.
 */
public final class EmfAnomalyMetrics implements AnomalyMetrics {
  public static final String SCANS_EXAMINED = "AnomalyScansExamined";

  private final EmfMetrics emf;
  private final String function;

  public EmfAnomalyMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void run(int scansExamined, Map<AnomalyKind, Integer> newAnomalies) {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(SCANS_EXAMINED, scansExamined);
    for (AnomalyKind k : AnomalyKind.values()) {
      values.put(k.metric(), newAnomalies.getOrDefault(k, 0));
    }
    emf.emit(function, values);
  }
}
