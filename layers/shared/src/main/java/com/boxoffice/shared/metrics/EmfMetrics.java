package com.boxoffice.shared.metrics;

import com.boxoffice.shared.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes counts as one CloudWatch Embedded Metric Format line on standard output, which Lambda
 * ships to CloudWatch Logs, where the metrics are extracted: no API call, no extra latency.
 * Every metric carries the {@code function} dimension.
 */
public final class EmfMetrics {
  public static final String NAMESPACE = "Boxoffice";

  private final PrintStream out;
  private final Clock clock;

  public EmfMetrics(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** The JSON line for these counts (unit Count, or Milliseconds for names ending in "Ms"). */
  public String line(String function, Map<String, ? extends Number> values) {
    List<Map<String, String>> definitions = new ArrayList<>();
    values.keySet().forEach(name -> definitions.add(Map.of("Name", name,
        "Unit", name.endsWith("Ms") ? "Milliseconds" : "Count")));
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put("Dimensions", List.of(List.of("function")));
    directive.put("Metrics", definitions);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
    root.put("function", function);
    root.putAll(values);
    return Json.write(root);
  }

  public void emit(String function, Map<String, ? extends Number> values) {
    out.println(line(function, values));
  }
}
