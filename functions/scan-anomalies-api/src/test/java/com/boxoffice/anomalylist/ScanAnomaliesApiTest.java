package com.boxoffice.anomalylist;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoScanAnomalyStore;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.anomaly.Anomaly;
import com.boxoffice.shared.domain.anomaly.AnomalyKind;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The organizer's list of anomalies, through the handler as Lambda builds it, on DynamoDB Local:
 * newest first for the owning organization; another tenant's event and an unknown one are the same
 * 404; a buyer's or scanner's token is refused.
 */
@ExtendWith(LocalAwsExtension.class)
class ScanAnomaliesApiTest {
  static final Instant AT = Instant.parse("2036-06-01T19:00:00Z");

  static ScanAnomaliesApiHandler handler(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    return new ScanAnomaliesApiHandler(new Env(Map.of("AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString(), "TABLE_NAME", res.table("BoxofficeTable"))));
  }

  static void seed(LocalAws aws, LocalResources res, String eventId, String org) {
    String table = res.table("BoxofficeTable");
    aws.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("EVENT#" + eventId),
        "sk", AttributeValue.fromS("EVENT"), "eventId", AttributeValue.fromS(eventId),
        "organizationId", AttributeValue.fromS(org))));
    var store = new DynamoScanAnomalyStore(aws.dynamo(), table);
    store.record(new Anomaly(eventId, AnomalyKind.MULTI_GATE, "ord_a-1", AT, 2, List.of("north", "south"),
        "tried at 2 gates within 60 s"));
    store.record(new Anomaly(eventId, AnomalyKind.FALLBACK_BURST, "scanner-7", AT.plusSeconds(90), 5, List.of("west"),
        "5 unknown fallback codes within 60 s"));
  }

  static APIGatewayV2HTTPResponse get(ScanAnomaliesApiHandler h, String eventId, Map<String, String> claims, String query) {
    var b = HttpApiEvents.request("GET", "/v1/org/events/" + eventId + "/anomalies")
        .routeKey("GET /v1/org/events/{eventId}/anomalies").pathParameters(Map.of("eventId", eventId)).claims(claims);
    var event = b.build();
    if (query != null) {
      event.setQueryStringParameters(Map.of("limit", query));
    }
    return h.handleRequest(event, null);
  }

  static Map<String, String> organizer(String org) {
    return Map.of("sub", "user-" + org, "scope", "organizer", "org", org);
  }

  @Test
  void theOwningOrganizationSeesItsEventsAnomaliesNewestFirst(LocalAws aws, LocalResources res) {
    seed(aws, res, "evt-list", "org-a");
    var h = handler(aws, res);

    var r = get(h, "evt-list", organizer("org-a"), null);

    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    JsonNode body = HttpApiEvents.json(r);
    assertThat(body.get("eventId").asText()).isEqualTo("evt-list");
    assertThat(body.get("anomalies")).hasSize(2);
    JsonNode newest = body.get("anomalies").get(0);
    assertThat(newest.get("kind").asText()).isEqualTo("fallback_burst");
    assertThat(newest.get("subject").asText()).isEqualTo("scanner-7");
    assertThat(newest.get("at").asText()).isEqualTo("2036-06-01T19:01:30Z");
    assertThat(body.get("anomalies").get(1).get("gates").toString()).isEqualTo("[\"north\",\"south\"]");
    assertThat(HttpApiEvents.json(get(h, "evt-list", organizer("org-a"), "1")).get("anomalies")).hasSize(1);
    assertThat(get(h, "evt-list", organizer("org-a"), "0").getStatusCode()).isEqualTo(400);
  }

  @Test
  void anotherTenantsEventIsNotFoundAndOtherScopesAreRefused(LocalAws aws, LocalResources res) {
    seed(aws, res, "evt-other", "org-b");
    var h = handler(aws, res);

    var foreign = get(h, "evt-other", organizer("org-a"), null);
    var missing = get(h, "evt-none", organizer("org-a"), null);
    var buyer = get(h, "evt-other", Map.of("sub", "buyer-1", "scope", "buyer", "org", "org-b"), null);

    assertThat(foreign.getStatusCode()).isEqualTo(404);
    assertThat(HttpApiEvents.json(foreign).path("error").path("code").asText()).isEqualTo("not_found");
    assertThat(foreign.getBody()).doesNotContain("fallback_burst");
    assertThat(missing.getStatusCode()).isEqualTo(404);
    assertThat(buyer.getStatusCode()).isEqualTo(403);
  }
}
