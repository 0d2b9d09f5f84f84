package com.boxoffice.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoDeviceStore;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.boxoffice.testkit.iam.IamCoverage;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The devices function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus its main paths driven
 * here through the handler: a device of each platform registered, one registered again after it
 * became inactive, one deleted, the preferences read and changed.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheDevicesFunctionEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res,
      LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    String apns = f.apnsToken();
    String id = DevicesFixture.json(f.register("buyer-iam", "apns", apns)).path("deviceId").asText();
    assertThat(f.register("buyer-iam", "fcm", f.fcmToken()).getStatusCode()).isEqualTo(201);
    new DynamoDeviceStore(aws.dynamo(), res.table("BoxofficeTable")).deactivate(id, Instant.now());
    assertThat(f.register("buyer-iam", "apns", apns).getStatusCode()).isEqualTo(200);
    assertThat(f.preferences("buyer-iam", "PUT", "{\"orderUpdates\":false}").getStatusCode()).isEqualTo(200);
    assertThat(f.preferences("buyer-iam", "GET", null).getStatusCode()).isEqualTo(200);
    assertThat(f.delete("buyer-iam", id).getStatusCode()).isEqualTo(204);

    assertThat(IamCoverage.problems("DevicesFunction")).isEmpty();
  }
}
