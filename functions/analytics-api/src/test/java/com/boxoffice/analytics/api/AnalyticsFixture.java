package com.boxoffice.analytics.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.adapter.dynamo.StreamChanges;
import com.boxoffice.shared.domain.analytics.ChangeApplier;
import com.boxoffice.shared.metrics.EmfAnalyticsMetrics;
import com.boxoffice.shared.testing.EmfCapture;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.LocalStream;
import com.boxoffice.shared.testing.TableActivity;
import com.boxoffice.testkit.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * An event of {@code org_acme} in Europe/Berlin with two ticket types, three paid orders, one
 * pending hold and door scans, its stream applied to the analytics on DynamoDB Local.
 */
final class AnalyticsFixture {
  static final String ORG = "org_acme";
  static final String EVENT = "evt-1";
  static final Instant PAID = Instant.parse("2026-12-07T08:20:00Z");

  static void seed(LocalAws aws, String table) {
    var a = new TableActivity(aws.dynamo(), table);
    a.event(EVENT, ORG, "Europe/Berlin");
    a.event("evt-other", "org_rival", null);
    a.ticketType(EVENT, "general", "General admission", 100, 2500);
    a.ticketType(EVENT, "vip", "VIP", 10, 5000);
    a.pendingOrder("ord-1", EVENT, "general", 2, 2500, PAID);
    a.pay("ord-1", EVENT, "general", 2, 5000, PAID);
    a.pendingOrder("ord-2", EVENT, "general", 1, 2500, PAID.plusSeconds(3600));
    a.pay("ord-2", EVENT, "general", 1, 2500, PAID.plusSeconds(3600));
    a.pendingOrder("ord-3", EVENT, "vip", 1, 5000, PAID.plusSeconds(7200));
    a.pay("ord-3", EVENT, "vip", 1, 5000, PAID.plusSeconds(7200));
    a.pendingOrder("ord-4", EVENT, "general", 2, 2500, PAID.plusSeconds(7300));
    a.scan("ord-1-t0", EVENT, true, "n1", PAID.plusSeconds(9000));
    a.scan("ord-1-t1", EVENT, true, "n2", PAID.plusSeconds(9010));
    a.scan("ord-1-t1", EVENT, false, "n3", PAID.plusSeconds(9020));
    apply(aws, table);
  }

  static void apply(LocalAws aws, String table) {
    try (var stream = new LocalStream(aws, table)) {
      var batch = StreamChanges.of(LocalStream.event(stream.readNew()));
      batch.firstFailure(new ChangeApplier(new DynamoAnalyticsStore(aws.dynamo(), table, Clock.systemUTC()),
          new EmfAnalyticsMetrics(new EmfCapture(Clock.systemUTC()).metrics(), "test"), Clock.systemUTC())
          .apply(batch.changes())).ifPresent(seq -> {
            throw new IllegalStateException("not applied from " + seq);
          });
    }
  }

  static APIGatewayV2HTTPEvent get(String org, String eventId, Map<String, String> query) {
    APIGatewayV2HTTPEvent e = HttpApiEvents.request("GET", "/v1/org/events/" + eventId + "/analytics")
        .routeKey("GET " + AnalyticsApi.PATH).pathParameters(Map.of("id", eventId))
        .claims(Map.of("sub", "user-1", "scope", "organizer", "org", org)).build();
    e.setQueryStringParameters(query);
    return e;
  }

  static APIGatewayV2HTTPResponse call(AnalyticsApiHandler handler, String org, String eventId, Map<String, String> query) {
    return handler.handleRequest(get(org, eventId, query), null);
  }

  private AnalyticsFixture() {}
}
