package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.EVENT;
import static com.boxoffice.shared.testing.EmfCapture.dimensionSets;
import static com.boxoffice.shared.testing.EmfCapture.metricNames;
import static com.boxoffice.shared.testing.EmfCapture.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.metrics.EmfScanMetrics;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each scan writes one metric line with the door's answer as its result and how long deciding took. */
@ExtendWith(LocalAwsExtension.class)
class ScanMetricsTest {

  @Test
  void anAdmissionAndARepeatAreCountedUnderTheirResults(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    Ticket t = f.issue(EVENT);
    String code = f.codes.codeFor(t);

    f.scan("s1", code, EVENT, "entry", "n-1");
    f.scan("s1", code, EVENT, "entry", "n-2");

    List<JsonNode> lines = f.metrics.lines();
    assertThat(lines).hasSize(2);
    JsonNode admitted = lines.get(0);
    assertThat(namespace(admitted)).isEqualTo("Boxoffice");
    assertThat(dimensionSets(admitted)).containsExactly(List.of("function"), List.of("function", "result"));
    assertThat(admitted.path("function").asText()).isEqualTo("scanner-validate");
    assertThat(admitted.path("result").asText()).isEqualTo("ok");
    assertThat(metricNames(admitted)).containsExactly(EmfScanMetrics.SCANS, EmfScanMetrics.ADMITTED, EmfScanMetrics.LATENCY);
    assertThat(admitted.path(EmfScanMetrics.SCANS).asInt()).isEqualTo(1);
    assertThat(admitted.path(EmfScanMetrics.ADMITTED).asInt()).isEqualTo(1);
    assertThat(admitted.path(EmfScanMetrics.LATENCY).isNumber()).isTrue();
    assertThat(lines.get(1).path("result").asText()).isEqualTo("already_redeemed");
    assertThat(lines.get(1).path(EmfScanMetrics.ADMITTED).asInt()).isZero();
    for (JsonNode line : lines) {
      assertThat(line.toString()).as("no ticket, scanner or event id, no code").doesNotContain(t.ticketId())
          .doesNotContain("s1").doesNotContain(EVENT).doesNotContain(code);
    }
  }

  @Test
  void aScanOverTheLimitAndAnUnassignedScannerAreCountedWithoutADecision(LocalAws aws, LocalResources res) {
    var f = new ScanFixture(aws, res, ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of()), 1);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    String code = f.codes.codeFor(f.issue(EVENT));
    f.entry("s1", code);
    f.entry("s1", code);
    f.metrics.clear();

    assertThat(f.entry("s1", code).getStatusCode()).isEqualTo(429);
    assertThat(f.metrics.only().path("result").asText()).isEqualTo("rate_limited");

    f.metrics.clear();
    f.clock.advance(Duration.ofSeconds(60));
    assertThat(f.entry("s-unknown", code).getStatusCode()).isEqualTo(403);
    JsonNode line = f.metrics.only();
    assertThat(line.path("result").asText()).isEqualTo("scanner_not_assigned");
    assertThat(line.path(EmfScanMetrics.ADMITTED).asInt()).isZero();
  }
}
