package com.boxoffice.shared.domain.anomaly;

import java.time.Duration;

/**
 * The detector's thresholds (docs/door.md, "Anomaly detection"; each one an environment setting of
 * detect-scan-anomalies with these defaults).
 *
 * @param multiGateWindow a ticket tried at {@code multiGateGates} or more gates within this is an anomaly
 * @param refusalWindow the sliding window a scanner's refused share is measured over
 * @param refusalMinScans fewer scans than this in the window say nothing
 * @param refusalShare the share of refused codes (0-1) at or above which the scanner is reported
 * @param fallbackWindow the sliding window unknown fallback codes are counted over, per scanner
 * @param fallbackBurst this many unknown fallback codes within the window is a burst
 * @param readmissionGrace an "already inside" at the admitting gate within this of the admission is
 *     staff scanning twice, not a second copy
 */
public record AnomalySettings(Duration multiGateWindow, int multiGateGates, Duration refusalWindow, int refusalMinScans,
    double refusalShare, Duration fallbackWindow, int fallbackBurst, Duration readmissionGrace) {

  public static final AnomalySettings DEFAULTS = new AnomalySettings(Duration.ofSeconds(60), 2,
      Duration.ofMinutes(5), 20, 0.5, Duration.ofSeconds(60), 5, Duration.ofSeconds(30));

  public AnomalySettings {
    if (multiGateGates < 2 || refusalMinScans < 1 || fallbackBurst < 1 || refusalShare <= 0 || refusalShare > 1) {
      throw new IllegalArgumentException("anomaly thresholds out of range");
    }
  }

  /** How far before the new scans the detector must read so every window is complete. */
  public Duration lookback() {
    Duration max = multiGateWindow;
    for (Duration d : new Duration[] {refusalWindow, fallbackWindow}) {
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }
}
