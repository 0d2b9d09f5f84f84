package com.boxoffice.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.iam.IamCoverage;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytics route's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus one request through the
 * handler as Lambda builds it.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheAnalyticsRouteEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    String table = res.table("BoxofficeTable");
    AnalyticsFixture.seed(aws, table);
    var handler = new AnalyticsApiHandler(new Env(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString(),
        "TABLE_NAME", table)));
    assertThat(AnalyticsFixture.call(handler, AnalyticsFixture.ORG, AnalyticsFixture.EVENT, Map.of()).getStatusCode())
        .isEqualTo(200);

    assertThat(IamCoverage.problems("AnalyticsApiFunction")).isEmpty();
  }
}
