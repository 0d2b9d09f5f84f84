package com.boxoffice.devices;

import static com.boxoffice.devices.DevicesFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON events in events/devices/ (also used by sam local invoke) get the answers their README gives. */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class SampleEventsTest {
  static final Path DIR = RepoRoot.find().resolve("events/devices");

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(DIR.resolve(name).toString());
  }

  @Test
  void everySampleGetsItsDocumentedAnswer(LocalAws aws, LocalResources res, LocalSns sns) throws IOException {
    var f = new DevicesFixture(aws, res, sns);

    assertThat(f.handler.handleRequest(load("register-apns.json"), null).getStatusCode()).isEqualTo(201);
    assertThat(f.handler.handleRequest(load("register-apns.json"), null).getStatusCode()).isEqualTo(200);
    assertThat(f.handler.handleRequest(load("register-fcm.json"), null).getStatusCode()).isEqualTo(201);
    var bad = f.handler.handleRequest(load("register-bad-token.json"), null);
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").path("code").asText()).isEqualTo("validation_failed");
    assertThat(json(bad).path("error").path("fields").path("token").asText()).contains("64 hexadecimal");
    assertThat(f.handler.handleRequest(load("delete-device.json"), null).getStatusCode()).isEqualTo(404);
    var read = f.handler.handleRequest(load("get-preferences.json"), null);
    assertThat(json(read).path("eventReminders").asBoolean()).isTrue();
    var changed = f.handler.handleRequest(load("put-preferences.json"), null);
    assertThat(changed.getStatusCode()).isEqualTo(200);
    assertThat(json(changed).path("eventReminders").asBoolean()).isFalse();
    assertThat(json(changed).path("orderUpdates").asBoolean()).isTrue();

    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).as("every sample is exercised here")
          .isEqualTo(6);
    }
  }
}
