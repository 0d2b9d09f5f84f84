package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.adapter.ses.SesDeliveryEvents;
import com.boxoffice.shared.domain.email.DeliveryEvent;
import com.boxoffice.shared.domain.email.DeliveryEvent.Kind;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.testing.SesEmulatorExtension;
import com.boxoffice.shared.testing.SesEmulatorExtension.SesEmulator;
import com.boxoffice.shared.testing.TestLambdaContext;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The files in events/process-email-queue do what their README says, through the handler built from its environment. */
@ExtendWith({LocalAwsExtension.class, SesEmulatorExtension.class})
class SampleEventsTest {
  private static final Path EVENTS = RepoRoot.find().resolve("events/process-email-queue");

  @SuppressWarnings("unchecked")
  @Test
  void theScheduledEventDrainsTheQueuedSampleJobIntoTheEmulator(LocalAws aws, LocalResources res, SesEmulator ses)
      throws Exception {
    ses.clear();
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    String job = Files.readString(EVENTS.resolve("email-job.json"));
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("EmailQueue")).messageBody(job).messageAttributes(Map.of(
        "jobId", MessageAttributeValue.builder().dataType("String")
            .stringValue("order-confirmation:ord_01JEXAMPLE0000000000000001").build())));
    Map<String, Object> scheduled = Json.read(Files.readString(EVENTS.resolve("scheduled.json")), Map.class);

    Map<String, Object> result = fixture.handler().handleRequest(scheduled, TestLambdaContext.runningDownFrom(10_000));

    assertThat(result).containsEntry("sent", 1);
    assertThat(ses.emailsTo("ada@example.com")).hasSize(1)
        .first().satisfies(m -> assertThat(m.path("attachments")).hasSize(2));
  }

  @Test
  void theBounceAndComplaintSamplesSuppressTheirAddressesButATransientBounceDoesNot() throws Exception {
    DeliveryEvent bounce = SesDeliveryEvents.parse(Files.readString(EVENTS.resolve("ses-bounce-eventbridge.json")))
        .orElseThrow();
    DeliveryEvent complaint = SesDeliveryEvents.parse(
        Files.readString(EVENTS.resolve("ses-complaint-eventbridge.json"))).orElseThrow();
    String transientBounce = Files.readString(EVENTS.resolve("ses-bounce-eventbridge.json"))
        .replace("\"Permanent\"", "\"Transient\"");
    DeliveryEvent mailboxFull = SesDeliveryEvents.parse(transientBounce).orElseThrow();

    assertThat(bounce).isEqualTo(new DeliveryEvent(Kind.PERMANENT_BOUNCE, java.util.List.of("bounced@example.com")));
    assertThat(bounce.addressesToSuppress()).containsExactly("bounced@example.com");
    assertThat(complaint.kind().suppressionReason()).contains("complaint");
    assertThat(complaint.addressesToSuppress()).containsExactly("complained@example.com");
    assertThat(mailboxFull.kind()).isEqualTo(Kind.TRANSIENT_BOUNCE);
    assertThat(mailboxFull.addressesToSuppress()).isEmpty();
    assertThat(SesDeliveryEvents.parse(transientBounce.replace("\"Bounce\"", "\"Delivery\""))).isEmpty();
  }

  @Test
  void anEmptyQueueIsLongPolledForLongerThanOneSdkAttemptMayTake(LocalAws aws, LocalResources res, SesEmulator ses) {
    // The shared clients cut a call attempt off after 5 s; a real run's polls wait 20 s.
    var fixture = new EmailFixture(aws, res, ses.baseUrl()).with("EMAIL_POLL_WAIT_SECONDS", "7")
        .with("EMAIL_MAX_EMPTY_POLLS", "1");
    long started = System.nanoTime();

    Map<String, Object> result = fixture.run(20_000);

    assertThat(result).containsEntry("received", 0);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(6));
  }

  @Test
  void anUnknownTaskDoesNothingAndAMissingSettingFailsNamingIt(LocalAws aws, LocalResources res, SesEmulator ses) {
    var fixture = new EmailFixture(aws, res, ses.baseUrl());
    assertThat(fixture.handler().handleRequest(Map.of("task", "purge"), TestLambdaContext.runningDownFrom(5_000)))
        .containsEntry("error", "unknown_task");

    fixture.env.remove("SENDER_ADDRESS");
    assertThatThrownBy(() -> fixture.run(5_000)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("SENDER_ADDRESS");
    fixture.env.put("SENDER_ADDRESS", "tickets@boxoffice.example");
    fixture.env.put("EMAIL_BACKOFF_SECONDS", "1,soon");
    assertThatThrownBy(() -> fixture.run(5_000)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EMAIL_BACKOFF_SECONDS");
  }
}
