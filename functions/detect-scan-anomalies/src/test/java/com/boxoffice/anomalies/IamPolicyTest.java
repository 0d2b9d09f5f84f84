package com.boxoffice.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.iam.IamCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The detector's IAM policy in template.yaml grants exactly what its code uses: every AWS call
 * recorded while this module's tests ran (this class runs last), plus one run of the handler as
 * Lambda builds it, over a scan log with a readmission whose admission it must look up.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheDetectorEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    var log = new ScanLogFixture(aws, res);
    Instant now = Instant.now();
    log.event("evt-iam", "org-1", now);
    log.scan("evt-iam", "ord_old-1", "s-north", "north", now.minus(Duration.ofHours(2)), "ok", null);
    log.scan("evt-iam", "ord_old-1", "s-north", "north", now.minusSeconds(30), "already_redeemed", "inside");
    var handler = new DetectScanAnomaliesHandler(new Env(Map.of("AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString(), "TABLE_NAME", res.table("BoxofficeTable"))));

    assertThat(handler.handleRequest(Map.of(), null)).containsEntry("anomalies", 1);

    assertThat(IamCoverage.problems("DetectScanAnomaliesFunction")).isEmpty();
  }
}
