package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.door.ScanOutcome;

/**
 * What one scan reports for operators: the door's answer (or why the scan was refused before a
 * decision) and how long deciding took. Never a ticket, scanner or event id.
 */
@FunctionalInterface
public interface ScanMetrics {

  /** How a scan request ended: a decided {@link ScanOutcome}, or refused before deciding. */
  enum Result { DECIDED, RATE_LIMITED, SCANNER_NOT_ASSIGNED }

  /** @param outcome the door's answer when {@code result} is {@link Result#DECIDED}, otherwise null */
  void scanEnded(Result result, ScanOutcome outcome, long latencyMillis);

  /** Counts nothing (tests that do not look). */
  static ScanMetrics none() {
    return (result, outcome, latency) -> { };
  }
}
