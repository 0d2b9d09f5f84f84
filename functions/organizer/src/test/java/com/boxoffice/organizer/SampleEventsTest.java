package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.domain.organizer.EventDetails;
import com.boxoffice.shared.domain.organizer.EventTransition;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.TicketTypeDetails;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSON events in events/organizer/ (also used by sam local invoke) run through the handler,
 * with their API Gateway route keys, against the demo event owned by {@code org_demo}.
 */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {
  static final Path DIR = RepoRoot.find().resolve("events/organizer");

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(DIR.resolve(name).toString());
  }

  @Test
  void everySampleGetsItsDocumentedAnswer(LocalAws aws, LocalResources res) {
    var f = new OrganizerFixture(aws, res);
    var owner = new OrganizerService(new DynamoOrganizerEvents(f.dynamo, f.table), f.clock);
    var demo = new OrganizerService.Actor("org_demo", "organizer-demo");
    owner.createEvent(demo, "evt-demo", new EventDetails("Boxoffice Demo Night", "The Local Hall", "Europe/Berlin",
        OrganizerFixture.START.plus(Duration.ofDays(2)), OrganizerFixture.START.plus(Duration.ofDays(2)).plus(
            Duration.ofHours(4)), null, null, "eur", null, null, null));
    owner.addTicketType(demo, "evt-demo", "general", new TicketTypeDetails("General admission", 2500L, 100, 10, null, null));
    owner.transition(demo, "evt-demo", EventTransition.PUBLISH);

    Map<String, Integer> expected = Map.ofEntries(
        Map.entry("create-event.json", 201), Map.entry("update-event.json", 200), Map.entry("get-event.json", 200),
        Map.entry("get-event-other-organization.json", 404), Map.entry("list-events.json", 200),
        Map.entry("create-ticket-type.json", 201), Map.entry("update-ticket-type-capacity.json", 200),
        Map.entry("pause-event.json", 200), Map.entry("register-device.json", 201),
        Map.entry("list-devices.json", 200), Map.entry("list-audit.json", 200));
    for (String name : new String[] {"create-event.json", "update-event.json", "get-event.json",
        "get-event-other-organization.json", "list-events.json", "create-ticket-type.json",
        "update-ticket-type-capacity.json", "pause-event.json", "register-device.json", "list-devices.json",
        "list-audit.json"}) {
      var r = f.handler.handleRequest(load(name), null);
      assertThat(r.getStatusCode()).as(name + " " + r.getBody()).isEqualTo(expected.get(name));
    }
    assertThat(json(f.handler.handleRequest(load("get-event.json"), null)).get("status").asText()).isEqualTo("PAUSED");
    assertThat(json(f.handler.handleRequest(load("list-audit.json"), null)).get("entries").size()).isGreaterThanOrEqualTo(6);
  }
}
