package com.boxoffice.tablestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.iam.IamCoverage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus a batch with an
 * admission driven here through the handler as Lambda builds it. Reading the stream itself is the
 * event source mapping's, granted by SAM with the mapping.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheStreamFunctionEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    var f = new StreamFixture(aws, res);
    var t = f.issue();
    f.door.enter(t.ticketId(), f.scan("s1", "n-1", Direction.ENTRY, StreamFixture.NOW), false);
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("TABLE_NAME", res.table("BoxofficeTable"));
    env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    env.put("PUSH_QUEUE_URL", res.queueUrl("PushQueue"));
    var handler = new ProcessTableStreamHandler(new Env(env));

    assertThat(handler.handleRequest(f.nextBatch(), null).getBatchItemFailures()).isEmpty();
    assertThat(f.scanLog(t.ticketId())).hasSize(1);

    assertThat(IamCoverage.problems("ProcessTableStreamFunction")).isEmpty();
  }
}
