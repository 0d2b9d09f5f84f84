package com.boxoffice.catalog;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.adapter.dynamo.DynamoStorefrontCatalog;
import com.boxoffice.shared.domain.organizer.EventDetails;
import com.boxoffice.shared.domain.organizer.EventTransition;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.TicketTypeDetails;
import com.boxoffice.shared.domain.storefront.Storefront;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The public catalog on DynamoDB Local, over events an organizer created and published. */
@ExtendWith(LocalAwsExtension.class)
class CatalogRoutesTest {
  static final Instant NOW = Instant.parse("2036-06-01T18:00:00Z");
  static final String SHOP = "https://shop.example";
  private static final OrganizerService.Actor ORGANIZER = new OrganizerService.Actor("org_alpha", "alice");

  private final MutableClock clock = new MutableClock(NOW);
  private OrganizerService organizer;
  private CatalogHandler handler;

  private void start(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    organizer = new OrganizerService(new DynamoOrganizerEvents(aws.dynamo(), table), clock);
    handler = new CatalogHandler(new CatalogApi(new Storefront(new DynamoStorefrontCatalog(aws.dynamo(), table), clock),
        Set.of(SHOP)));
  }

  private String event(String id, int daysAhead, boolean publish) {
    Instant starts = NOW.plus(Duration.ofDays(daysAhead));
    organizer.createEvent(ORGANIZER, id, new EventDetails("Night " + id, "Hall", "Europe/Paris", starts,
        starts.plus(Duration.ofHours(4)), null, null, "eur", null, null, null));
    organizer.addTicketType(ORGANIZER, id, "ga", new TicketTypeDetails("General", 2500L, 100, 10, null, null));
    if (publish) {
      organizer.transition(ORGANIZER, id, EventTransition.PUBLISH);
    }
    return id;
  }

  private APIGatewayV2HTTPResponse get(String path, Map<String, String> headers) {
    String raw = path;
    Map<String, String> query = new HashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      raw = path.substring(0, q);
      for (String pair : path.substring(q + 1).split("&")) {
        query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    var e = HttpApiEvents.request(headers.containsKey("method") ? headers.get("method") : "GET", raw)
        .routeKey("$default").claims(null).headers(headers).build();
    e.setQueryStringParameters(query.isEmpty() ? null : query);
    return handler.handleRequest(e, null);
  }

  @Test
  void onlyEventsOnSaleAreListedSoonestFirstAcrossPages(LocalAws aws, LocalResources res) {
    start(aws, res);
    event("evt_c", 30, true);
    event("evt_a", 10, true);
    event("evt_b", 20, true);
    event("evt_draft", 5, false);
    event("evt_paused", 6, true);
    organizer.transition(ORGANIZER, "evt_paused", EventTransition.PAUSE);

    var first = get("/v1/events?limit=2", Map.of());
    assertThat(first.getStatusCode()).isEqualTo(200);
    var page = json(first);
    assertThat(page.get("events").get(0).get("eventId").asText()).isEqualTo("evt_a");
    assertThat(page.get("events").get(1).get("eventId").asText()).isEqualTo("evt_b");
    var second = json(get("/v1/events?limit=2&cursor=" + page.get("nextCursor").asText(), Map.of()));
    assertThat(second.get("events").get(0).get("eventId").asText()).isEqualTo("evt_c");
    assertThat(first.getHeaders()).containsEntry("Cache-Control", CatalogApi.LIST_CACHE);

    assertThat(get("/v1/events/evt_draft", Map.of()).getStatusCode()).isEqualTo(404);
    assertThat(get("/v1/events/evt_paused", Map.of()).getStatusCode()).isEqualTo(404);
    assertThat(get("/v1/events/no_such", Map.of()).getStatusCode()).isEqualTo(404);
    var badCursor = get("/v1/events?cursor=%%%", Map.of());
    assertThat(badCursor.getStatusCode()).isEqualTo(400);
    assertThat(json(badCursor).path("error").path("code").asText()).isEqualTo("validation_failed");
    assertThat(get("/v1/events?limit=500", Map.of()).getStatusCode()).isEqualTo(400);
  }

  @Test
  void anEventShowsItsTicketTypesWithAnETagThatAnswers304UntilSomethingChanges(LocalAws aws, LocalResources res) {
    start(aws, res);
    event("evt_a", 10, true);

    var first = get("/v1/events/evt_a", Map.of());
    var body = json(first);
    assertThat(body.get("ticketTypes").get(0).get("price").asLong()).isEqualTo(2500);
    assertThat(body.get("ticketTypes").get(0).get("available").asInt()).isEqualTo(100);
    assertThat(body.get("ticketTypes").get(0).get("onSale").asBoolean()).isTrue();
    assertThat(body.has("organizationId")).isFalse();
    String etag = first.getHeaders().get("ETag");
    assertThat(etag).startsWith("\"");
    assertThat(first.getHeaders()).containsEntry("Cache-Control", CatalogApi.EVENT_CACHE);

    var notModified = get("/v1/events/evt_a", Map.of("if-none-match", etag));
    assertThat(notModified.getStatusCode()).isEqualTo(304);
    assertThat(notModified.getBody()).isEmpty();
    assertThat(notModified.getHeaders()).containsEntry("ETag", etag);

    organizer.updateTicketType(ORGANIZER, "evt_a", "ga", new TicketTypeDetails(null, 3000L, null, null, null, null));
    var changed = get("/v1/events/evt_a", Map.of("if-none-match", etag));
    assertThat(changed.getStatusCode()).isEqualTo(200);
    assertThat(changed.getHeaders().get("ETag")).isNotEqualTo(etag);
  }

  @Test
  void aShardedTicketTypeShowsTheSeatsLeftOnAllItsShardsTogether(LocalAws aws, LocalResources res) {
    start(aws, res);
    Instant starts = NOW.plus(Duration.ofDays(5));
    organizer.createEvent(ORGANIZER, "evt_big", new EventDetails("Arena night", "Arena", "Europe/Paris", starts,
        starts.plus(Duration.ofHours(4)), null, null, "eur", null, null, null));
    organizer.addTicketType(ORGANIZER, "evt_big", "floor", new TicketTypeDetails("Floor", 4000L, 1_000, 10, null, null));
    organizer.transition(ORGANIZER, "evt_big", EventTransition.PUBLISH);
    var store = new com.boxoffice.shared.adapter.dynamo.DynamoOrderStore(aws.dynamo(), res.table("BoxofficeTable"));
    for (int i = 0; i < 5; i++) {
      store.placeHold(new com.boxoffice.shared.domain.order.Order("ord_big_" + i,
          com.boxoffice.shared.domain.order.OrderStatus.PENDING, "evt_big", "Arena night", starts,
          starts.plus(Duration.ofHours(4)), "u" + i, null, "a@example.com", "A",
          java.util.List.of(new com.boxoffice.shared.domain.order.OrderLine("floor", "Floor", 3, 4000)), 12000, "eur",
          NOW, NOW.plus(Duration.ofMinutes(31)), NOW.plus(Duration.ofMinutes(2)), null, null, null, null, false, 0, 0));
    }

    var body = json(get("/v1/events/evt_big", Map.of()));

    assertThat(body.get("ticketTypes").get(0).get("available").asInt()).as("1,000 less 5 holds of 3").isEqualTo(985);
  }

  @Test
  void browsersOnTheStorefrontOriginGetCorsHeadersAndOthersDoNot(LocalAws aws, LocalResources res) {
    start(aws, res);
    event("evt_a", 10, true);

    var allowed = get("/v1/events/evt_a", Map.of("origin", SHOP));
    var other = get("/v1/events/evt_a", Map.of("origin", "https://evil.example"));
    var preflight = get("/v1/events/evt_a", Map.of("origin", SHOP, "method", "OPTIONS"));

    assertThat(allowed.getHeaders()).containsEntry("Access-Control-Allow-Origin", SHOP)
        .containsEntry("Access-Control-Expose-Headers", "ETag");
    assertThat(other.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    assertThat(preflight.getStatusCode()).isEqualTo(204);
    assertThat(preflight.getHeaders()).containsEntry("Access-Control-Allow-Origin", SHOP)
        .containsEntry("Access-Control-Allow-Headers", "If-None-Match");
    Set<String> methods = new HashSet<>(Set.of(preflight.getHeaders().get("Access-Control-Allow-Methods").split(", ")));
    assertThat(methods).containsExactlyInAnyOrder("GET", "OPTIONS");
  }
}
