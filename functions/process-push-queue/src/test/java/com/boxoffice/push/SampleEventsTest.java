package com.boxoffice.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.push.EventAnnouncement;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.boxoffice.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The files in events/process-push-queue/: the two notification bodies delivered, the event
 * change's announcement job walked (queueing the buyer's notification, which the identical sample
 * notification has already delivered), the schedule inputs run.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class SampleEventsTest {
  static final Path DIR = RepoRoot.find().resolve("events/process-push-queue");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> input(String name) throws IOException {
    return Json.read(Files.readString(DIR.resolve(name)), Map.class);
  }

  @Test
  void theSampleNotificationsReachTheBuyersDeviceAndTheScheduleInputsRun(LocalAws aws, LocalResources res,
      LocalSns moto) throws IOException {
    var f = new PushFixture(aws, res, moto);
    f.register("buyer-demo");
    f.order("evt-demo", "demo", OrderStatus.PAID, "buyer-demo");
    for (String body : new String[] {"notification-tickets-issued.json", "notification-event-changed.json"}) {
      aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("PushQueue")).messageBody(read(body)));
    }
    // The announcement job as the processor receives it: its body and the attributes that mark it a job.
    JsonNode job = Json.read(read("announcement-event-changed.json"), JsonNode.class).path("Records").get(0);
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    job.path("messageAttributes").properties().forEach(a -> attributes.put(a.getKey(),
        MessageAttributeValue.builder().dataType(a.getValue().path("dataType").asText())
            .stringValue(a.getValue().path("stringValue").asText()).build()));
    EventAnnouncement announcement = Json.read(job.path("body").asText(), EventAnnouncement.class);
    assertThat(job.path("body").asText()).as("the body process-table-stream writes")
        .isEqualTo(Json.write(announcement));
    assertThat(attributes).as("the attributes it sends with it").containsOnly(
        Map.entry(PushSqsOutbox.KIND_ATTRIBUTE, text(PushSqsOutbox.ANNOUNCEMENT_KIND)),
        Map.entry(PushSqsOutbox.NOTIFICATION_ID_ATTRIBUTE, text(announcement.jobId())),
        Map.entry(PushSqsOutbox.CATEGORY_ATTRIBUTE, text(PushCategory.EVENT_CHANGES.wire())));
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("PushQueue")).messageBody(job.path("body").asText())
        .messageAttributes(attributes));
    var handler = f.handler();

    Map<String, Integer> drained = new LinkedHashMap<>();
    for (int runs = 0; runs == 0 || f.inQueue("PushQueue") > 0 && runs < 10; runs++) {
      var result = handler.handleRequest(input("drain.json"), null);
      result.keySet().forEach(k -> drained.merge(k, PushFixture.count(result, k), Integer::sum));
    }
    var cleaned = handler.handleRequest(input("cleanup.json"), null);
    var reminded = handler.handleRequest(input("reminders.json"), null);

    assertThat(f.inQueue("PushQueue")).as("everything handled").isZero();
    assertThat(f.inQueue("PushDeadLetterQueue")).isZero();
    assertThat(drained).containsEntry("sent", 2).containsEntry("announced", 1).containsEntry("duplicates", 1)
        .containsEntry("deadLettered", 0).containsEntry("failed", 0);
    assertThat(f.published()).extracting(p -> p[1]).containsExactlyInAnyOrder(
        "tickets-issued:ord_01JEXAMPLE0000000000000001", "event-changed:evt-demo:v2:buyer-demo");
    assertThat(cleaned).containsEntry("task", "cleanup").containsEntry("removed", 0);
    assertThat(reminded).containsEntry("task", "reminders").containsEntry("queued", 0);
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).as("every sample is exercised here")
          .isEqualTo(6);
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static String read(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
