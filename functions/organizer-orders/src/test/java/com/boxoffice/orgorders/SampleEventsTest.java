package com.boxoffice.orgorders;

import static com.boxoffice.orgorders.OrgOrdersFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON events in events/organizer-orders/ (also used by sam local invoke) run through the real handler. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {
  static final String SAMPLE_ORDER = "ord_000000000000000000000001";

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(RepoRoot.find().resolve("events/organizer-orders").resolve(name)
        .toString());
  }

  /** The sample with the sample order id replaced by a real one, in the path and the body. */
  private static APIGatewayV2HTTPEvent forOrder(String name, String orderId) {
    APIGatewayV2HTTPEvent e = load(name);
    e.setRawPath(e.getRawPath().replace(SAMPLE_ORDER, orderId));
    Map<String, String> params = new java.util.HashMap<>();
    e.getPathParameters().forEach((k, v) -> params.put(k, v.replace(SAMPLE_ORDER, orderId)));
    e.setPathParameters(params);
    if (e.getBody() != null) {
      e.setBody(e.getBody().replace(SAMPLE_ORDER, orderId));
    }
    return e;
  }

  @Test
  void theSamplesFindChangeRefundAndCancelForTheDemoOrganization(LocalAws aws, LocalResources res) {
    var f = new OrgOrdersFixture(aws, res);
    f.event("org_demo", "evt-demo");
    String orderId = f.paidOrder("evt-demo", 2, "ada@example.com");

    var search = f.handler.handleRequest(load("search-orders.json"), null);
    assertThat(search.getStatusCode()).as(search.getBody()).isEqualTo(200);
    assertThat(json(search).get("orders").findValuesAsText("orderId")).contains(orderId);

    assertThat(f.handler.handleRequest(load("get-order.json"), null).getStatusCode()).isEqualTo(404);
    var order = f.handler.handleRequest(forOrder("get-order.json", orderId), null);
    assertThat(order.getStatusCode()).as(order.getBody()).isEqualTo(200);

    var holder = f.handler.handleRequest(forOrder("change-holder.json", orderId), null);
    assertThat(holder.getStatusCode()).as(holder.getBody()).isEqualTo(200);
    assertThat(f.ticket(Ticket.idFor(orderId, 1)).holderName()).isEqualTo("Grace Hopper");

    var refund = f.handler.handleRequest(forOrder("refund-order.json", orderId), null);
    assertThat(refund.getStatusCode()).as(refund.getBody()).isEqualTo(202);

    var cancel = f.handler.handleRequest(load("cancel-event.json"), null);
    assertThat(cancel.getStatusCode()).as(cancel.getBody()).isEqualTo(200);
    assertThat(json(cancel).get("status").asText()).isEqualTo("done");
  }
}
