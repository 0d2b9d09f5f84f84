package com.boxoffice.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.webhook.OrderFlag;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class EmfPaymentMetricsTest {

  @Test
  void eachRefundedPaymentIsOneCountUnderTheMetricAndFunctionTheAlarmWatches() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    var metrics = new EmfPaymentMetrics(new EmfMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Clock.systemUTC()), "stripe-webhook");

    metrics.unfulfillablePaymentRefunded(OrderFlag.PAYMENT_MISMATCH);

    JsonNode line = Json.read(bytes.toString(StandardCharsets.UTF_8), JsonNode.class);
    assertThat(line.path("UnfulfillablePaymentsRefunded").asInt()).isEqualTo(1);
    assertThat(line.path("function").asText()).isEqualTo("stripe-webhook");
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Boxoffice");
    String template = new String(readTemplate(), StandardCharsets.UTF_8);
    assertThat(template).as("the alarm watches this metric")
        .contains("MetricName: " + EmfPaymentMetrics.UNFULFILLABLE).contains("Value: stripe-webhook")
        .contains("Value: process-webhook-retries");
  }

  private static byte[] readTemplate() {
    try {
      return Files.readAllBytes(RepoRoot.find().resolve("template.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
