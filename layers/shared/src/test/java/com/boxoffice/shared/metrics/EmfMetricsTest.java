package com.boxoffice.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

  @Test
  void oneLineCloudWatchCanExtractEveryMetricFrom() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    var metrics = new EmfMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("EmailSent", 3);
    values.put("EmailQueueToSendMaxMs", 1200L);

    metrics.emit("process-email-queue", values);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines()).hasSize(1);
    JsonNode line = Json.read(out, JsonNode.class);
    assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
    JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.path("Namespace").asText()).isEqualTo("Boxoffice");
    assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("function");
    assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo("EmailSent");
    assertThat(directive.at("/Metrics/0/Unit").asText()).isEqualTo("Count");
    assertThat(directive.at("/Metrics/1/Unit").asText()).isEqualTo("Milliseconds");
    // Every dimension and metric named in the directive is a top-level member with its value.
    assertThat(line.path("function").asText()).isEqualTo("process-email-queue");
    assertThat(line.path("EmailSent").asInt()).isEqualTo(3);
    assertThat(line.path("EmailQueueToSendMaxMs").asLong()).isEqualTo(1200);
  }

  @Test
  void anOutcomeDimensionIsPublishedBesideTheFunctionAloneSoAlarmsStillSeeTheTotal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    var metrics = new EmfMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    metrics.emit("scanner-validate", Map.of(EmfMetrics.Dimension.RESULT, "admitted"), Map.of("Scans", 1));

    JsonNode line = Json.read(bytes.toString(StandardCharsets.UTF_8), JsonNode.class);
    JsonNode sets = line.at("/_aws/CloudWatchMetrics/0/Dimensions");
    assertThat(sets.size()).isEqualTo(2);
    assertThat(sets.get(0).toString()).isEqualTo("[\"function\"]");
    assertThat(sets.get(1).toString()).isEqualTo("[\"function\",\"result\"]");
    assertThat(line.path("result").asText()).isEqualTo("admitted");
    assertThat(line.path("Scans").asInt()).isEqualTo(1);
  }

  @Test
  void nothingToCountWritesNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new EmfMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC())
        .emit("checkout", Map.of(EmfMetrics.Dimension.OUTCOME, "created"), Map.of());
    assertThat(bytes.size()).isZero();
  }
}
