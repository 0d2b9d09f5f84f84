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
 * Every metric carries the {@code function} dimension; a line may add bounded {@link Dimension}s
 * (an outcome, a result, an event type), and then its metrics are published both under
 * {@code function} alone (what the alarms watch) and under {@code function} with those dimensions.
 */
public final class EmfMetrics {
  public static final String NAMESPACE = "Boxoffice";
  public static final String FUNCTION_DIMENSION = "function";

  /** The extra dimensions a line may carry; their values must come from a closed vocabulary. */
  public enum Dimension {
    OUTCOME("outcome"), RESULT("result"), EVENT_TYPE("eventType");

    private final String key;

    Dimension(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private final PrintStream out;
  private final Clock clock;

  public EmfMetrics(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** The JSON line for these counts (unit Count, or Milliseconds for names ending in "Ms"). */
  public String line(String function, Map<String, ? extends Number> values) {
    return line(function, Map.of(), values);
  }

  /** The JSON line for these counts under {@code function} and under {@code function} plus {@code dimensions}. */
  public String line(String function, Map<Dimension, String> dimensions, Map<String, ? extends Number> values) {
    List<Map<String, String>> definitions = new ArrayList<>();
    values.keySet().forEach(name -> definitions.add(Map.of("Name", name,
        "Unit", name.endsWith("Ms") ? "Milliseconds" : "Count")));
    List<List<String>> sets = new ArrayList<>();
    sets.add(List.of(FUNCTION_DIMENSION));
    Map<String, String> dimensionValues = new LinkedHashMap<>();
    dimensionValues.put(FUNCTION_DIMENSION, function);
    if (!dimensions.isEmpty()) {
      List<String> withExtra = new ArrayList<>();
      withExtra.add(FUNCTION_DIMENSION);
      // In the enum's order, so a dimension set is the same whatever map the caller passed.
      dimensions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        withExtra.add(e.getKey().key());
        dimensionValues.put(e.getKey().key(), e.getValue());
      });
      sets.add(withExtra);
    }
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put("Dimensions", sets);
    directive.put("Metrics", definitions);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
    root.putAll(dimensionValues);
    root.putAll(values);
    return Json.write(root);
  }

  public void emit(String function, Map<String, ? extends Number> values) {
    emit(function, Map.of(), values);
  }

  /** Writes one line; nothing when there is nothing to count. */
  public void emit(String function, Map<Dimension, String> dimensions, Map<String, ? extends Number> values) {
    if (values.isEmpty()) {
      return;
    }
    out.println(line(function, dimensions, values));
  }
}
