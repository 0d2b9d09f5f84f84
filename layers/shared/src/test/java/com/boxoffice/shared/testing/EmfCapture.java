package com.boxoffice.shared.testing;

import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EmfMetrics} writing into memory instead of standard output, and the lines it wrote,
 * parsed, so a test can assert the namespace, dimensions and values a handler emitted.
 */
public final class EmfCapture {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final EmfMetrics metrics;

  public EmfCapture(Clock clock) {
    this.metrics = new EmfMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);
  }

  public EmfMetrics metrics() {
    return metrics;
  }

  /** Every line written so far, each parsed as one JSON object. */
  public List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    bytes.toString(StandardCharsets.UTF_8).lines().forEach(l -> lines.add(Json.read(l, JsonNode.class)));
    return lines;
  }

  /** The one line written since the last {@link #clear()}; fails when there is not exactly one. */
  public JsonNode only() {
    List<JsonNode> lines = lines();
    if (lines.size() != 1) {
      throw new AssertionError("expected one metric line, got " + lines.size() + ": " + lines);
    }
    return lines.get(0);
  }

  public void clear() {
    bytes.reset();
  }

  /** The dimension sets of a line's directive, e.g. {@code [[function], [function, outcome]]}. */
  public static List<List<String>> dimensionSets(JsonNode line) {
    List<List<String>> sets = new ArrayList<>();
    line.at("/_aws/CloudWatchMetrics/0/Dimensions").forEach(set -> {
      List<String> names = new ArrayList<>();
      set.forEach(n -> names.add(n.asText()));
      sets.add(names);
    });
    return sets;
  }

  /** The metric names the directive declares, in order. */
  public static List<String> metricNames(JsonNode line) {
    List<String> names = new ArrayList<>();
    line.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(m -> names.add(m.path("Name").asText()));
    return names;
  }

  public static String namespace(JsonNode line) {
    return line.at("/_aws/CloudWatchMetrics/0/Namespace").asText();
  }
}
