package com.boxoffice.analytics.recount;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.TableActivity;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.iam.IamCoverage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recount's IAM policy in template.yaml grants exactly what its code uses: every AWS call
 * recorded while this module's tests ran (this class runs last), plus a run that repairs a slot,
 * through the handler as Lambda builds it.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheRecountEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    String table = res.table("BoxofficeTable");
    var activity = new TableActivity(aws.dynamo(), table);
    activity.ticketType("evt-iam", "general", "General", 10, 2500);
    activity.pendingOrder("ord-iam", "evt-iam", "general", 1, 2500, Instant.parse("2026-12-07T10:00:00Z"));

    var handler = new RecountAnalyticsHandler(new Env(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString(),
        "TABLE_NAME", table)));
    assertThat(handler.handleRequest(Map.of("task", "recount"), null)).containsEntry("driftRepaired", 2);

    assertThat(IamCoverage.problems("RecountAnalyticsFunction")).isEmpty();
  }
}
