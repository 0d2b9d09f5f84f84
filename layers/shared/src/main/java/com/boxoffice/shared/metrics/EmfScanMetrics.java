package com.boxoffice.shared.metrics;

import com.boxoffice.shared.domain.door.ScanOutcome;
import com.boxoffice.shared.port.out.ScanMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ScanMetrics} as one Embedded Metric Format line per scan, under {@code function} and
 * {@code function}+{@code result}: {@value #SCANS} (1 per scan), {@value #ADMITTED} (1 when the door
 * said ok) and {@value #LATENCY}. The result is the door's answer as on the wire
 * ({@code ok}, {@code already_redeemed}...) or {@code rate_limited} / {@code scanner_not_assigned}.
 */
public final class EmfScanMetrics implements ScanMetrics {
  public static final String SCANS = "Scans";
  public static final String ADMITTED = "ScansOk";
  public static final String LATENCY = "ScanLatencyMs";

  private final EmfMetrics emf;
  private final String function;

  public EmfScanMetrics(EmfMetrics emf, String function) {
    this.emf = emf;
    this.function = function;
  }

  @Override
  public void scanEnded(Result result, ScanOutcome outcome, long latencyMillis) {
    String value = result == Result.DECIDED && outcome != null ? outcome.wire() : result.name().toLowerCase(Locale.ROOT);
    Map<String, Number> values = new LinkedHashMap<>();
    values.put(SCANS, 1);
    values.put(ADMITTED, outcome == ScanOutcome.OK ? 1 : 0);
    values.put(LATENCY, latencyMillis);
    emf.emit(function, Map.of(EmfMetrics.Dimension.RESULT, value), values);
  }
}
