package com.boxoffice.shared.domain.anomaly;

/** What the detector looks for in the scan log (docs/door.md, "Anomaly detection"). */
public enum AnomalyKind {
  /** One ticket tried at several gates within seconds: a copied code in more hands than one. */
  MULTI_GATE("multi_gate", "MultiGate"),
  /** A scanner whose share of refused codes jumps: a device or a queue fed with forgeries or screenshots. */
  SCANNER_REFUSALS("scanner_refusals", "ScannerRefusals"),
  /** A burst of typed fallback codes that match no ticket: someone guessing. */
  FALLBACK_BURST("fallback_burst", "FallbackBurst"),
  /** An admitted ticket presented again from outside: a second copy at the door. */
  READMISSION_ATTEMPT("readmission_attempt", "ReadmissionAttempt");

  private final String wire;
  private final String metricName;

  AnomalyKind(String wire, String metricName) {
    this.wire = wire;
    this.metricName = metricName;
  }

  public String wire() {
    return wire;
  }

  /** The metric counted per anomaly of this kind: {@code Anomaly<metricName>}. */
  public String metric() {
    return "Anomaly" + metricName;
  }
}
