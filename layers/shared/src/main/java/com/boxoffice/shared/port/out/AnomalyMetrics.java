package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.anomaly.AnomalyKind;
import java.util.Map;

/** What one detector run found: the new anomalies per kind (every kind, zeros included) and the scans it examined. */
public interface AnomalyMetrics {
  void run(int scansExamined, Map<AnomalyKind, Integer> newAnomalies);
}
