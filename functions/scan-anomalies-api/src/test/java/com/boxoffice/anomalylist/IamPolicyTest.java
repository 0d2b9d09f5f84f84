package com.boxoffice.anomalylist;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.iam.IamCoverage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listing function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last, after a listing and a refusal).
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheListingFunctionEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    ScanAnomaliesApiTest.seed(aws, res, "evt-iam", "org-a");
    var h = ScanAnomaliesApiTest.handler(aws, res);
    assertThat(ScanAnomaliesApiTest.get(h, "evt-iam", ScanAnomaliesApiTest.organizer("org-a"), null).getStatusCode())
        .isEqualTo(200);

    assertThat(IamCoverage.problems("ScanAnomaliesApiFunction")).isEmpty();
  }
}
