package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.adapter.secrets.SecretsManagerSigningKeyStore;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.organizer.EventDetails;
import com.boxoffice.shared.domain.organizer.EventTransition;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.TicketTypeDetails;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSON events in events/organizer/ (also used by sam local invoke) run through the handler,
 * with their API Gateway route keys, against the demo event owned by {@code org_demo}, which also
 * owns the ticket-code signing keys (as {@code SigningKeyOwnerOrganization} is set locally).
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class SampleEventsTest {
  static final Path DIR = RepoRoot.find().resolve("events/organizer");
  private static final String K1 = "{\"active\":\"k1\",\"fallback\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}";

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(DIR.resolve(name).toString());
  }

  @Test
  void everySampleGetsItsDocumentedAnswer(LocalAws aws, LocalResources res, LocalSns moto) throws IOException {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    try (MotoSecrets secrets = new MotoSecrets(moto)) {
      // The deployment's keys as the local runner keeps them: a secret on moto, k1 active, owned by org_demo.
      String arn = secrets.create("boxoffice/" + res.stage() + "/qr-signing-keys", K1);
      var f = new OrganizerFixture(aws, res, new SecretsManagerSigningKeyStore(secrets.client, arn,
          keys -> SigningKeysSetting.parse(keys, SigningKeysSetting.NAME)), "org_demo");
      var owner = new OrganizerService(new DynamoOrganizerEvents(f.dynamo, f.table), f.clock);
      var demo = new OrganizerService.Actor("org_demo", "organizer-demo");
      owner.createEvent(demo, "evt-demo", new EventDetails("Boxoffice Demo Night", "The Local Hall", "Europe/Berlin",
          OrganizerFixture.START.plus(Duration.ofDays(2)), OrganizerFixture.START.plus(Duration.ofDays(2)).plus(
              Duration.ofHours(4)), null, null, "eur", null, null, null));
      owner.addTicketType(demo, "evt-demo", "general", new TicketTypeDetails("General admission", 2500L, 100, 10, null,
          null));
      owner.transition(demo, "evt-demo", EventTransition.PUBLISH);

      // In this order: each sample finds what the ones before it did.
      List<Map.Entry<String, Integer>> expected = List.of(Map.entry("create-event.json", 201),
          Map.entry("update-event.json", 200), Map.entry("get-event.json", 200),
          Map.entry("get-event-other-organization.json", 404), Map.entry("list-events.json", 200),
          Map.entry("create-ticket-type.json", 201), Map.entry("update-ticket-type-capacity.json", 200),
          Map.entry("pause-event.json", 200), Map.entry("register-device.json", 201),
          Map.entry("list-devices.json", 200), Map.entry("list-audit.json", 200),
          Map.entry("rotate-signing-keys-other-organization.json", 404), Map.entry("rotate-signing-keys.json", 200));
      try (Stream<Path> files = Files.list(DIR)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
            .as("every sample is run here")
            .containsExactlyInAnyOrderElementsOf(expected.stream().map(Map.Entry::getKey).toList());
      }
      Map<String, JsonNode> answers = new HashMap<>();
      for (var sample : expected) {
        var r = f.handler.handleRequest(load(sample.getKey()), null);
        assertThat(r.getStatusCode()).as(sample.getKey() + " " + r.getBody()).isEqualTo(sample.getValue());
        answers.put(sample.getKey(), json(r));
      }
      assertThat(json(f.handler.handleRequest(load("get-event.json"), null)).get("status").asText()).isEqualTo("PAUSED");
      assertThat(json(f.handler.handleRequest(load("list-audit.json"), null)).get("entries").size())
          .isGreaterThanOrEqualTo(6);

      assertThat(answers.get("get-event-other-organization.json").at("/error/code").asText()).isEqualTo("not_found");
      assertThat(answers.get("rotate-signing-keys-other-organization.json").at("/error/code").asText())
          .isEqualTo("not_found");
      JsonNode rotated = answers.get("rotate-signing-keys.json");
      assertThat(rotated.get("activeKeyId").asText()).as("a new key signs from now on").isEqualTo("k2");
      assertThat(rotated.get("retiredKeyId").asText()).isEqualTo("k1");
      assertThat(Instant.parse(rotated.get("retiredKeyValidUntil").asText()))
          .isEqualTo(Instant.parse("2036-06-15T18:00:00Z"));
      assertThat(SigningKeysSetting.parse(secrets.current(arn), SigningKeysSetting.NAME).active().id())
          .as("the owner's rotation is in the secret; it expected k1, so the other organization's rotated nothing")
          .isEqualTo("k2");
    }
  }
}
