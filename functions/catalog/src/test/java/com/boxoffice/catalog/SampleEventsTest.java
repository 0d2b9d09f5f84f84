package com.boxoffice.catalog;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.adapter.dynamo.DynamoStorefrontCatalog;
import com.boxoffice.shared.domain.organizer.EventDetails;
import com.boxoffice.shared.domain.organizer.EventTransition;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.TicketTypeDetails;
import com.boxoffice.shared.domain.storefront.Storefront;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON events in events/catalog/ run through the handler against the published demo event. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {
  static final Path DIR = RepoRoot.find().resolve("events/catalog");

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(DIR.resolve(name).toString());
  }

  @Test
  void everySampleGetsItsDocumentedAnswer(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    var clock = new MutableClock(CatalogRoutesTest.NOW);
    var owner = new OrganizerService(new DynamoOrganizerEvents(aws.dynamo(), table), clock);
    var demo = new OrganizerService.Actor("org_demo", "organizer-demo");
    owner.createEvent(demo, "evt-demo", new EventDetails("Boxoffice Demo Night", "The Local Hall", "Europe/Berlin",
        CatalogRoutesTest.NOW.plus(Duration.ofDays(2)), CatalogRoutesTest.NOW.plus(Duration.ofDays(2)).plus(
            Duration.ofHours(4)), null, null, "eur", null, null, null));
    owner.addTicketType(demo, "evt-demo", "general", new TicketTypeDetails("General admission", 2500L, 100, 10, null, null));
    owner.transition(demo, "evt-demo", EventTransition.PUBLISH);
    var handler = new CatalogHandler(new CatalogApi(new Storefront(new DynamoStorefrontCatalog(aws.dynamo(), table),
        clock), Set.of("https://shop.example")));

    var list = handler.handleRequest(load("list-events.json"), null);
    assertThat(list.getStatusCode()).isEqualTo(200);
    assertThat(json(list).get("events").get(0).get("eventId").asText()).isEqualTo("evt-demo");
    var one = handler.handleRequest(load("get-event.json"), null);
    assertThat(one.getStatusCode()).isEqualTo(200);
    assertThat(one.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://shop.example");
    var stale = handler.handleRequest(load("get-event-not-modified.json"), null);
    assertThat(stale.getStatusCode()).as("the sample's tag is not the current one").isEqualTo(200);
    var preflight = handler.handleRequest(load("preflight.json"), null);
    assertThat(preflight.getStatusCode()).isEqualTo(204);
  }
}
