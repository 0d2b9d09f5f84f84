package com.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.organizer.EventDetails;
import com.boxoffice.shared.domain.organizer.EventTransition;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.TicketTypeDetails;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.iam.IamCoverage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog function's IAM policy in template.yaml grants exactly what its code uses (reads of
 * events, their ticket types and the on-sale index), driven through the handler as Lambda builds it.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheCatalogEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    String table = res.table("BoxofficeTable");
    var organizer = new OrganizerService(new DynamoOrganizerEvents(aws.dynamo(), table), Clock.systemUTC());
    var actor = new OrganizerService.Actor("org_iam", "alice");
    Instant starts = Instant.now().plus(Duration.ofDays(3));
    organizer.createEvent(actor, "evt_iam", new EventDetails("IAM", null, "UTC", starts, starts.plus(Duration.ofHours(2)),
        null, null, "eur", null, null, null));
    // 500 seats: a type on two seat-counter shards (STOCK#), which the event page sums.
    organizer.addTicketType(actor, "evt_iam", "ga", new TicketTypeDetails("GA", 100L, 500, null, null, null));
    organizer.transition(actor, "evt_iam", EventTransition.PUBLISH);
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("TABLE_NAME", table);
    env.put("STOREFRONT_ORIGINS", "https://shop.example, http://127.0.0.1:5173");
    var handler = new CatalogHandler(new Env(env));

    var list = handler.handleRequest(HttpApiEvents.request("GET", "/v1/events").routeKey("$default").build(), null);
    var one = handler.handleRequest(HttpApiEvents.request("GET", "/v1/events/evt_iam").routeKey("$default")
        .headers(Map.of("origin", "https://shop.example")).build(), null);

    assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(200);
    assertThat(list.getBody()).contains("evt_iam");
    assertThat(one.getStatusCode()).as(one.getBody()).isEqualTo(200);
    assertThat(one.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://shop.example");
    assertThat(IamCoverage.problems("CatalogFunction")).isEmpty();
  }
}
