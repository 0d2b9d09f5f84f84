package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.adapter.sqs.EmailQueueDrainer;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SES answering AccessDenied (the role lacks ses:SendRawEmail, say) is not a passing failure: the
 * job is not retried for half an hour into the dead-letter queue, it goes there at once with the
 * reason {@code access_denied}, counted in the run's result and in the alarmed metric.
 */
@ExtendWith(LocalAwsExtension.class)
class AccessDeniedTest {

  @Test
  void anAccessDeniedFromSesDeadLettersTheJobAtOnceWithItsReasonAndCountsIt(LocalAws aws, LocalResources res)
      throws Exception {
    try (SesStub ses = new SesStub().failingWith(403, "AccessDeniedException")) {
      var fixture = new EmailFixture(aws, res, ses.endpoint());
      fixture.enqueue(EmailFixture.confirmation("ord_denied", "denied@example.com", List.of("CODE-D")));

      var result = fixture.run(5_000);

      assertThat(result).containsEntry("accessDenied", 1).containsEntry("deadLettered", 1)
          .containsEntry("retried", 0);
      assertThat(ses.attempts()).hasSize(1);
      var dead = fixture.receive("EmailDeadLetterQueue", 2);
      assertThat(dead).singleElement().satisfies(m -> assertThat(
          m.messageAttributes().get(EmailQueueDrainer.REASON_ATTRIBUTE).stringValue())
          .isEqualTo(AwsFailures.ACCESS_DENIED));
      assertThat(fixture.visible("EmailQueue") + fixture.inFlightOrDelayed("EmailQueue")).isZero();
    }
  }
}
