package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoEmailLedger;
import com.boxoffice.shared.adapter.sqs.EmailQueueDrainer;
import com.boxoffice.shared.domain.email.EmailDelivery;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.port.out.EmailLedger;
import com.boxoffice.shared.testing.SesEmulatorExtension;
import com.boxoffice.shared.testing.SesEmulatorExtension.SesEmulator;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.model.Message;

/** What happens to a job that fails, by kind of failure. */
@ExtendWith({LocalAwsExtension.class, SesEmulatorExtension.class})
class FailureClassesTest {

  @Test
  void aCrashBetweenSendingAndDeletingDoesNotSendTheRedeliveredJobAgain(LocalAws aws, LocalResources res,
      SesEmulator ses) throws Exception {
    ses.clear();
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    EmailJob job = EmailFixture.confirmation("ord_crash", "crash@example.com", List.of("CODE-CRASH"));
    fixture.enqueue(job);
    // One instance receives the job, sends it, records the send, and dies before deleting it.
    List<Message> received = aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl("EmailQueue"))
        .visibilityTimeout(1).waitTimeSeconds(5)).messages();
    assertThat(received).hasSize(1);
    EmailDelivery delivery = ProcessEmailQueueHandler.delivery(new com.boxoffice.shared.config.Env(fixture.env),
        aws.dynamo(), SesV2Client.builder().endpointOverride(java.net.URI.create(ses.baseUrl()))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1).build(), Clock.systemUTC());
    assertThat(delivery.deliver(job)).isInstanceOf(EmailDelivery.Sent.class);
    // The dead instance's visibility timeout runs out and the job is on the queue again.
    fixture.awaitVisible("EmailQueue", 1, Duration.ofSeconds(10));

    Map<String, Object> result = fixture.run(10_000);

    assertThat(result).containsEntry("received", 1).containsEntry("duplicates", 1).containsEntry("sent", 0);
    assertThat(ses.emailsTo("crash@example.com")).hasSize(1);
    assertThat(fixture.visible("EmailQueue") + fixture.inFlightOrDelayed("EmailQueue")).isZero();
  }

  @Test
  void aJobMissingAVariableGoesToTheDeadLetterQueueWithItsReasonAndIsNeverSent(LocalAws aws, LocalResources res,
      SesEmulator ses) {
    ses.clear();
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    EmailJob complete = EmailFixture.confirmation("ord_novar", "novar@example.com", List.of("CODE-X"));
    Map<String, Object> variables = new LinkedHashMap<>(complete.variables());
    variables.remove("eventName");
    fixture.enqueue(new EmailJob(complete.jobId(), complete.template(), complete.recipient(), variables));

    Map<String, Object> result = fixture.run(10_000);

    assertThat(result).containsEntry("deadLettered", 1).containsEntry("sent", 0).containsEntry("retried", 0);
    assertThat(ses.emailsTo("novar@example.com")).isEmpty();
    List<Message> dead = fixture.receive("EmailDeadLetterQueue", 2);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get(EmailQueueDrainer.REASON_ATTRIBUTE).stringValue())
        .isEqualTo("missing_variables");
    assertThat(dead.get(0).messageAttributes().get("jobId").stringValue()).isEqualTo("order-confirmation:ord_novar");
    assertThat(new DynamoEmailLedger(aws.dynamo(), res.table("BoxofficeTable")).find(complete.jobId()))
        .get().extracting(EmailLedger.Entry::status).isEqualTo(EmailLedger.Status.REJECTED);

    // Whatever enqueued it is fixed and the job is enqueued again under its id: it goes out, once.
    fixture.enqueue(complete);
    assertThat(fixture.run(10_000)).containsEntry("sent", 1);
    assertThat(ses.emailsTo("novar@example.com")).hasSize(1);
  }

  @Test
  void anInvalidAddressIsDeadLetteredOnItsFirstReceiveWithoutCallingSes(LocalAws aws, LocalResources res)
      throws Exception {
    try (SesStub stub = new SesStub()) {
      var fixture = new EmailFixture(aws, res, stub.endpoint());
      fixture.enqueue(EmailFixture.confirmation("ord_badaddr", "not an address", List.of("CODE-Y")));

      Map<String, Object> result = fixture.run(10_000);

      assertThat(result).containsEntry("deadLettered", 1).containsEntry("retried", 0);
      assertThat(stub.attempts()).isEmpty();
      List<Message> dead = fixture.receive("EmailDeadLetterQueue", 2);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).messageAttributes().get(EmailQueueDrainer.REASON_ATTRIBUTE).stringValue())
          .isEqualTo("invalid_address");
    }
  }

  @Test
  void sesRejectingTheMessageIsPermanentButA5xxIsRetriedUntilRedriveMovesItToTheDeadLetterQueue(LocalAws aws,
      LocalResources res) throws Exception {
    try (SesStub stub = new SesStub().failingWith(400, "MessageRejected")) {
      var fixture = new EmailFixture(aws, res, stub.endpoint());
      fixture.enqueue(EmailFixture.confirmation("ord_rejected", "rejected@example.com", List.of("CODE-R")));
      assertThat(fixture.run(10_000)).containsEntry("deadLettered", 1).containsEntry("retried", 0);
      assertThat(stub.attempts()).hasSize(1);
      assertThat(fixture.receive("EmailDeadLetterQueue", 2).get(0).messageAttributes()
          .get(EmailQueueDrainer.REASON_ATTRIBUTE).stringValue()).isEqualTo("MessageRejected");

      stub.failingWith(503, "InternalFailure");
      fixture.enqueue(EmailFixture.confirmation("ord_down", "down@example.com", List.of("CODE-D")));
      // This counts receives, not waits: no backoff, and the queue's maxReceiveCount (6, from
      // template.yaml) ends it.
      Map<String, Object> result = fixture.with("EMAIL_BACKOFF_SECONDS", "0,0,0,0,0").run(40_000);

      long attemptsForJob = stub.attempts().stream().filter(a -> a.jobId().equals("order-confirmation:ord_down")).count();
      assertThat(attemptsForJob).as("one attempt per receive").isEqualTo(6);
      assertThat((int) result.get("retried")).isEqualTo(6);
      List<Message> dead = fixture.receive("EmailDeadLetterQueue", 5);
      assertThat(dead).extracting(m -> m.messageAttributes().get("jobId").stringValue())
          .contains("order-confirmation:ord_down");
      assertThat(fixture.visible("EmailQueue") + fixture.inFlightOrDelayed("EmailQueue")).isZero();
    }
  }

  @Test
  void mailOverTheRecipientsLimitWaitsItsTurnWithoutUsingUpItsReceives(LocalAws aws, LocalResources res,
      SesEmulator ses) {
    ses.clear();
    // The limit counts per minute of the handler's clock: the run starts one second into a minute,
    // so it cannot straddle two whatever the wall clock says.
    long now = System.currentTimeMillis();
    Clock oneSecondIntoAMinute = Clock.offset(Clock.systemUTC(), Duration.ofMillis(60_000 - now % 60_000 + 1_000));
    var fixture = new EmailFixture(aws, res, ses.baseUrl()).with("EMAIL_PER_RECIPIENT_PER_MINUTE", "3")
        .on(oneSecondIntoAMinute);
    for (int i = 0; i < 5; i++) {
      fixture.enqueue(EmailFixture.confirmation("ord_many_" + i, "many@example.com", List.of("CODE-M" + i)));
    }

    Map<String, Object> result = fixture.run(10_000);

    assertThat(result).containsEntry("sent", 3).containsEntry("deferred", 2).containsEntry("deadLettered", 0);
    assertThat(ses.emailsTo("many@example.com")).hasSize(3);
    assertThat(fixture.count("EmailQueue",
        software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .as("put back with a delay until the minute turns, as new messages").isEqualTo(2);
  }

  @Test
  void aBouncedAddressIsSuppressedAndLaterMailToItIsSkippedAndRecorded(LocalAws aws, LocalResources res,
      SesEmulator ses) throws Exception {
    ses.clear();
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    String bounce = java.nio.file.Files.readString(com.boxoffice.testkit.RepoRoot.find()
        .resolve("events/process-email-queue/ses-bounce-eventbridge.json"));
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("EmailEventsQueue")).messageBody(bounce));
    EmailJob job = EmailFixture.confirmation("ord_bounced", "bounced@example.com", List.of("CODE-B"));
    fixture.enqueue(job);

    Map<String, Object> result = fixture.run(10_000);

    assertThat(result).containsEntry("addressesSuppressed", 1).containsEntry("suppressed", 1).containsEntry("sent", 0);
    assertThat(ses.emailsTo("bounced@example.com")).isEmpty();
    assertThat(new DynamoEmailLedger(aws.dynamo(), res.table("BoxofficeTable")).find(job.jobId()))
        .get().extracting(EmailLedger.Entry::status).isEqualTo(EmailLedger.Status.SUPPRESSED);
    assertThat(fixture.visible("EmailEventsQueue") + fixture.inFlightOrDelayed("EmailEventsQueue")).isZero();
  }
}
