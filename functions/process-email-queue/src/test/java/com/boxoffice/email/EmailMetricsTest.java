package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.SesEmulatorExtension;
import com.boxoffice.shared.testing.SesEmulatorExtension.SesEmulator;
import com.boxoffice.shared.testing.TestLambdaContext;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run of the email function writes one metric line with its counts, under the function alone. */
@ExtendWith({LocalAwsExtension.class, SesEmulatorExtension.class})
class EmailMetricsTest {

  @Test
  void aRunThatSendsOneMailWritesOneLineCountingIt(LocalAws aws, LocalResources res, SesEmulator ses) {
    ses.clear();
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    fixture.enqueue(EmailFixture.confirmation("ord_metrics", "carol@example.com", List.of("CODE-ONE")));
    var capture = new EmfCapture(Clock.systemUTC());

    Map<String, Object> result = fixture.handler(capture.metrics())
        .handleRequest(Map.of(), TestLambdaContext.runningDownFrom(10_000));

    assertThat(result).containsEntry("sent", 1);
    JsonNode line = capture.only();
    assertThat(EmfCapture.namespace(line)).isEqualTo("Boxoffice");
    assertThat(EmfCapture.dimensionSets(line)).containsExactly(List.of("function"));
    assertThat(line.path("function").asText()).isEqualTo("process-email-queue");
    assertThat(EmfCapture.metricNames(line)).contains("EmailSent", "EmailRetried", "EmailThrottled",
        "EmailSuppressed", "EmailDeadLettered", "EmailDeferred", "AwsAccessDenied", "EmailQueueToSendMaxMs");
    assertThat(line.path("EmailSent").asInt()).isEqualTo(1);
    assertThat(line.path("EmailDeadLettered").asInt()).isZero();
    assertThat(line.path("EmailQueueToSendMaxMs").asLong()).isNotNegative();
    assertThat(line.toString()).as("no address or order id").doesNotContain("carol@").doesNotContain("ord_metrics");
  }
}
