package com.boxoffice.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The files in events/process-push-queue/: the two notification bodies delivered, the schedule inputs run. */
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
    for (String body : new String[] {"notification-tickets-issued.json", "notification-event-changed.json"}) {
      aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("PushQueue")).messageBody(read(body)));
    }
    var handler = f.handler();

    var drained = handler.handleRequest(input("drain.json"), null);
    var cleaned = handler.handleRequest(input("cleanup.json"), null);
    var reminded = handler.handleRequest(input("reminders.json"), null);

    assertThat(drained).containsEntry("received", 2).containsEntry("sent", 2);
    assertThat(f.published()).extracting(p -> p[1]).containsExactlyInAnyOrder(
        "tickets-issued:ord_01JEXAMPLE0000000000000001", "event-changed:evt-demo:v2:buyer-demo");
    assertThat(cleaned).containsEntry("task", "cleanup").containsEntry("removed", 0);
    assertThat(reminded).containsEntry("task", "reminders").containsEntry("queued", 0);
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).as("every sample is exercised here")
          .isEqualTo(5);
    }
  }

  private static String read(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
