package com.boxoffice.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.iam.IamCoverage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How template.yaml wires the consumer to the stream: both images, partial batch responses,
 * bisection, a bounded number of retries with an on-failure destination, the consumer's own items
 * filtered out, and an alarm on the iterator age.
 */
@Tag("fast")
class StreamSourceTemplateTest {
  static final Map<String, Object> RESOURCES = map(IamCoverage.template().get("Resources"));

  @Test
  void theConsumerReadsBothImagesReportsPartialFailuresBisectsAndSendsWhatItGivesUpToItsQueue() {
    Map<String, Object> table = props("BoxofficeTable");
    assertThat(map(table.get("StreamSpecification"))).containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");

    Map<String, Object> source = map(map(map(props("ProcessAnalyticsStreamFunction").get("Events")).get("TableChanges"))
        .get("Properties"));
    assertThat(map(source.get("Stream")).get("Fn::GetAtt")).isEqualTo(List.of("BoxofficeTable", "StreamArn"));
    assertThat(source.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
    assertThat(source.get("BisectBatchOnFunctionError")).isEqualTo(true);
    assertThat((Integer) source.get("MaximumRetryAttempts")).isBetween(1, 100);
    Map<String, Object> onFailure = map(map(source.get("DestinationConfig")).get("OnFailure"));
    assertThat(onFailure.get("Type")).isEqualTo("SQS");
    assertThat(map(onFailure.get("Destination")).get("Fn::GetAtt"))
        .isEqualTo(List.of("AnalyticsStreamDeadLetterQueue", "Arn"));
    String pattern = (String) map(((List<?>) map(source.get("FilterCriteria")).get("Filters")).get(0)).get("Pattern");
    assertThat(pattern).contains("\"prefix\":\"ORDER#\"", "\"prefix\":\"TICKET#\"", "\"prefix\":\"EVENT#\"",
        "\"prefix\":\"STOCK#\"")
        .doesNotContain("ANALYTICS", "CHANGE");
  }

  @Test
  void theIteratorAgeOfTheConsumerIsAlarmed() {
    Map<String, Object> alarm = props("AnalyticsIteratorAgeAlarm");
    assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "IteratorAge");
    assertThat(map(((List<?>) alarm.get("Dimensions")).get(0)).get("Value"))
        .isEqualTo(Map.of("Ref", "ProcessAnalyticsStreamFunction"));
  }

  private static Map<String, Object> props(String logicalId) {
    return map(map(RESOURCES.get(logicalId)).get("Properties"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
