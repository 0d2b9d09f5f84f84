package com.boxoffice.analytics.api;

import static com.boxoffice.analytics.api.AnalyticsFixture.EVENT;
import static com.boxoffice.analytics.api.AnalyticsFixture.ORG;
import static com.boxoffice.analytics.api.AnalyticsFixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoEventTimeZones;
import com.boxoffice.shared.domain.analytics.AnalyticsReader;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /v1/org/events/{id}/analytics against aggregates kept from DynamoDB Local's stream: the
 * contract's fields, totals and rates, the zero-filled series in the event's time zone, ticket
 * types by cursor, parameter errors, and another tenant's event answered as absent.
 */
@ExtendWith(LocalAwsExtension.class)
class AnalyticsRouteTest {

  static AnalyticsApiHandler handler(LocalAws aws, String table, Clock clock) {
    var reader = new AnalyticsReader(new DynamoAnalyticsStore(aws.dynamo(), table, clock),
        new DynamoEventOwners(aws.dynamo(), table), new DynamoEventTimeZones(aws.dynamo(), table), clock,
        Duration.ofSeconds(5), Executors.newCachedThreadPool(), 16);
    return new AnalyticsApiHandler(new AnalyticsApi(reader, clock));
  }

  @Test
  void answersTotalsRatesAZeroFilledSeriesAndTicketTypesInTheContractsShape(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    AnalyticsFixture.seed(aws, table);
    var clock = new MutableClock(Instant.now());
    var handler = handler(aws, table, clock);

    var response = call(handler, ORG, EVENT, Map.of("from", "2026-12-07T07:00:00Z", "to", "2026-12-07T13:00:00Z",
        "limit", "1"));
    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = HttpApiEvents.json(response);
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("eventId", "timeZone", "from", "to", "bucket", "asOf", "lagSeconds", "stale",
        "degraded", "degradedReason", "totals", "rates", "series", "ticketTypes");
    assertThat(body.get("eventId").asText()).isEqualTo(EVENT);
    assertThat(body.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(body.get("bucket").asText()).isEqualTo("hour");
    assertThat(body.get("degraded").asBoolean()).isFalse();
    assertThat(body.get("degradedReason").isNull()).isTrue();
    assertThat(body.get("asOf").isTextual()).isTrue();
    assertThat(body.get("lagSeconds").asLong()).isLessThan(300);
    assertThat(body.get("stale").asBoolean()).isFalse();

    JsonNode totals = body.get("totals");
    assertThat(totals.toString()).isEqualTo("{\"currency\":\"eur\",\"orders\":3,\"ticketsSold\":4,\"grossAmount\":12500,"
        + "\"refundedAmount\":0,\"holds\":2,\"capacity\":110,\"checkIns\":2,\"exits\":1,\"insideNow\":1}");
    assertThat(body.get("rates").toString()).isEqualTo("{\"sellThrough\":{\"value\":0.0364,\"reason\":null},"
        + "\"checkInRate\":{\"value\":0.5,\"reason\":null},\"refundRate\":{\"value\":0.0,\"reason\":null}}");

    JsonNode series = body.get("series");
    assertThat(series).hasSize(6);
    assertThat(series.get(0).get("start").asText()).isEqualTo("2026-12-07T08:00+01:00");
    assertThat(series.get(1).toString()).isEqualTo("{\"start\":\"2026-12-07T09:00+01:00\",\"orders\":1,\"ticketsSold\":2,"
        + "\"grossAmount\":5000,\"refundedAmount\":0,\"checkIns\":0,\"exits\":0}");
    assertThat(series.get(0).get("orders").asInt()).isZero();
    assertThat(series.get(3).get("checkIns").asInt()).isEqualTo(2);
    assertThat(series.get(3).get("exits").asInt()).isEqualTo(1);

    JsonNode types = body.get("ticketTypes");
    assertThat(types.get("items")).hasSize(1);
    assertThat(types.get("items").get(0).toString()).isEqualTo("{\"ticketTypeId\":\"general\",\"name\":\"General admission\","
        + "\"capacity\":100,\"sold\":3,\"held\":2,\"checkIns\":2,\"grossAmount\":7500}");
    String next = types.get("next").asText();
    JsonNode page2 = HttpApiEvents.json(call(handler, ORG, EVENT, Map.of("from", "2026-12-07T07:00:00Z",
        "to", "2026-12-07T13:00:00Z", "limit", "1", "cursor", next)));
    assertThat(page2.get("ticketTypes").get("items").get(0).get("ticketTypeId").asText()).isEqualTo("vip");
    assertThat(page2.get("ticketTypes").get("next").isNull()).isTrue();
  }

  @Test
  void ratesWithoutADenominatorAreNullWithAReasonAndDaysAreTheDefaultForLongRanges(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    AnalyticsFixture.seed(aws, table);
    var clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
    // An event of the same organization with nothing sold and no capacity yet.
    new com.boxoffice.shared.testing.TableActivity(aws.dynamo(), table).event("evt-empty", ORG, null);
    JsonNode body = HttpApiEvents.json(call(handler(aws, table, clock), ORG, "evt-empty", Map.of()));
    assertThat(body.get("rates").toString()).isEqualTo("{\"sellThrough\":{\"value\":null,\"reason\":\"no_capacity\"},"
        + "\"checkInRate\":{\"value\":null,\"reason\":\"no_sales\"},\"refundRate\":{\"value\":null,\"reason\":\"no_sales\"}}");
    assertThat(body.get("bucket").asText()).isEqualTo("day");
    assertThat(body.get("timeZone").asText()).isEqualTo("Z");
    assertThat(body.get("from").asText()).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(body.get("series")).hasSize(7);
    assertThat(body.get("totals").get("currency").isNull()).isTrue();
  }

  @Test
  void anotherTenantsEventAndAnUnknownEventAnswer404(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    AnalyticsFixture.seed(aws, table);
    var handler = handler(aws, table, Clock.systemUTC());
    for (var response : List.of(call(handler, "org_rival", EVENT, Map.of()), call(handler, ORG, "evt-other", Map.of()),
        call(handler, ORG, "evt-none", Map.of()))) {
      assertThat(response.getStatusCode()).isEqualTo(404);
      assertThat(HttpApiEvents.json(response).get("error").get("code").asText()).isEqualTo("not_found");
    }
    var buyer = AnalyticsFixture.get(ORG, EVENT, Map.of());
    buyer.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", "u", "scope", "buyer", "org", ORG));
    assertThat(handler.handleRequest(buyer, null).getStatusCode()).isEqualTo(403);
  }

  @Test
  void badParametersNameTheirFieldsAndLongRangesAreRefused(LocalAws aws, LocalResources res) {
    String table = res.table("BoxofficeTable");
    AnalyticsFixture.seed(aws, table);
    var handler = handler(aws, table, Clock.systemUTC());
    JsonNode bad = HttpApiEvents.json(call(handler, ORG, EVENT, Map.of("from", "yesterday", "bucket", "week",
        "limit", "0", "cursor", "!!")));
    assertThat(bad.get("error").get("code").asText()).isEqualTo("validation_failed");
    assertThat(bad.get("error").get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("from", "bucket", "limit", "cursor");
    JsonNode backwards = HttpApiEvents.json(call(handler, ORG, EVENT, Map.of("from", "2026-12-07T10:00:00Z",
        "to", "2026-12-07T10:00:00Z")));
    assertThat(backwards.get("error").get("fields").get("to").asText()).isEqualTo("must be after from");
    var tooLong = call(handler, ORG, EVENT, Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-04-02T00:00:00Z"));
    assertThat(tooLong.getStatusCode()).isEqualTo(400);
    assertThat(HttpApiEvents.json(tooLong).get("error").get("code").asText()).isEqualTo("range_too_large");
    var ninety = call(handler, ORG, EVENT, Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-04-01T00:00:00Z"));
    assertThat(ninety.getStatusCode()).isEqualTo(200);
  }
}
