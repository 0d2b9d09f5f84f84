package com.boxoffice.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schedule's input in events/detect-scan-anomalies/ (also used by sam local invoke) through the handler. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {

  @Test
  @SuppressWarnings("unchecked")
  void theScheduledSampleRunsOnePass(LocalAws aws, LocalResources res) throws Exception {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    Map<String, Object> input = Json.mapper().readValue(
        Files.readString(RepoRoot.find().resolve("events/detect-scan-anomalies/scheduled.json")), Map.class);
    var handler = new DetectScanAnomaliesHandler(new Env(Map.of("AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString(), "TABLE_NAME", res.table("BoxofficeTable"))));

    Map<String, Object> result = handler.handleRequest(input, null);

    assertThat(result).containsKeys("events", "scansExamined", "anomalies");
  }
}
