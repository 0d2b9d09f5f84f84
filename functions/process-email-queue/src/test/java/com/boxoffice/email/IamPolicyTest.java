package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import com.boxoffice.testkit.iam.IamCoverage;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The email function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus the function's main
 * paths driven here through the handler as Lambda builds it: a bounce recorded, a confirmation
 * sent as raw MIME, one deferred by the per-recipient limit, one to a suppressed address, a
 * malformed job dead-lettered and a send failing transiently.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheEmailFunctionEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res)
      throws Exception {
    try (SesStub ses = new SesStub(); SesStub failing = new SesStub().failingWith(500, "InternalFailure")) {
      drive(new EmailFixture(aws, res, ses.endpoint()).with("EMAIL_PER_RECIPIENT_PER_MINUTE", "1"), failing);
    }

    assertThat(IamCoverage.problems("ProcessEmailQueueFunction")).isEmpty();
  }

  private static void drive(EmailFixture fixture, SesStub failing) throws Exception {
    var aws = fixture.aws;
    var res = fixture.res;
    String bounce = Files.readString(RepoRoot.find().resolve("events/process-email-queue/ses-bounce-eventbridge.json"));
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("EmailEventsQueue")).messageBody(bounce));
    fixture.enqueue(EmailFixture.confirmation("ord_iam1", "iam@example.com", List.of("CODE-1")));
    fixture.enqueue(EmailFixture.confirmation("ord_iam2", "iam@example.com", List.of("CODE-2")));
    fixture.enqueue(EmailFixture.confirmation("ord_iam3", "bounced@example.com", List.of("CODE-3")));
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("EmailQueue")).messageBody("not a job"));

    var result = fixture.run(6_000);

    assertThat(result).containsEntry("addressesSuppressed", 1).containsEntry("sent", 1)
        .containsEntry("deferred", 1).containsEntry("suppressed", 1).containsEntry("deadLettered", 1);

    fixture.with("AWS_ENDPOINT_URL_SESV2", failing.endpoint());
    fixture.enqueue(EmailFixture.confirmation("ord_iam4", "other@example.com", List.of("CODE-4")));
    assertThat((Integer) fixture.run(4_000).get("retried")).isPositive();
  }
}
