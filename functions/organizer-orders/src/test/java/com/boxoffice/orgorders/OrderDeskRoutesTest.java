package com.boxoffice.orgorders;

import static com.boxoffice.orgorders.OrgOrdersFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Finding orders, revoking a ticket, changing its holder and resending the confirmation, through the handler. */
@ExtendWith(LocalAwsExtension.class)
class OrderDeskRoutesTest {
  OrgOrdersFixture f;

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res) {
    f = new OrgOrdersFixture(aws, res);
  }

  @Test
  void findsAnEventsOrdersByEmailWhateverItsCaseAndPagesThroughThem() {
    String event = f.event(f.org);
    String first = f.paidOrder(event, 1, "ada@example.com");
    String second = f.paidOrder(event, 2, "ada@example.com");
    f.paidOrder(event, 1, "grace@example.com");
    f.paidOrder(f.event(f.org), 1, "ada@example.com");

    var all = json(f.call(f.org, "GET", "/v1/org/events/" + event + "/orders?email=ADA%40example.com", null));
    List<String> ids = new ArrayList<>();
    all.get("orders").forEach(o -> ids.add(o.get("orderId").asText()));
    assertThat(ids).containsExactlyInAnyOrder(first, second);

    var page1 = json(f.call(f.org, "GET", "/v1/org/events/" + event + "/orders?email=ada%40example.com&limit=1", null));
    assertThat(page1.get("orders")).hasSize(1);
    String cursor = page1.get("nextCursor").asText();
    var page2 = json(f.call(f.org, "GET", "/v1/org/events/" + event + "/orders?email=ada%40example.com&limit=1&cursor="
        + cursor, null));
    assertThat(page2.get("orders")).hasSize(1);
    assertThat(List.of(page1.get("orders").get(0).get("orderId").asText(), page2.get("orders").get(0).get("orderId")
        .asText())).containsExactlyInAnyOrder(first, second);

    var everyOrder = json(f.call(f.org, "GET", "/v1/org/events/" + event + "/orders", null));
    assertThat(everyOrder.get("orders")).hasSize(3);
  }

  @Test
  void readsOneOrderWithItsTickets() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 2, "ada@example.com");

    var response = f.call(f.org, "GET", "/v1/org/orders/" + orderId, null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode order = json(response);
    assertThat(order.get("status").asText()).isEqualTo("paid");
    assertThat(order.get("tickets")).hasSize(2);
    assertThat(order.get("tickets").get(0).get("status").asText()).isEqualTo("valid");
    assertThat(order.get("tickets").get(0).has("code")).as("codes are for the holder only").isFalse();
  }

  @Test
  void revokesATicketOnceAndAuditsItWithBeforeAndAfter() {
    String orderId = f.paidOrder(f.event(f.org), 1, "ada@example.com");
    String ticketId = Ticket.idFor(orderId, 1);

    var first = f.call(f.org, "POST", "/v1/org/tickets/" + ticketId + "/revoke", "{\"reason\":\"lost phone\"}", "k-1");
    var again = f.call(f.org, "POST", "/v1/org/tickets/" + ticketId + "/revoke", "{}");

    assertThat(first.getStatusCode()).isEqualTo(200);
    assertThat(json(first).get("status").asText()).isEqualTo("revoked");
    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(f.ticket(ticketId).status()).isEqualTo(TicketStatus.REVOKED);
    var entries = f.auditOf(f.org);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).action()).isEqualTo("ticket.revoked");
    assertThat(entries.get(0).actor()).isEqualTo("person-" + f.org);
    assertThat(entries.get(0).before()).contains("\"status\":\"valid\"");
    assertThat(entries.get(0).after()).contains("\"status\":\"revoked\"").contains("lost phone");
  }

  @Test
  void changesTheHolderNameAndRefusesBadNames() {
    String orderId = f.paidOrder(f.event(f.org), 1, "ada@example.com");
    String path = "/v1/org/tickets/" + Ticket.idFor(orderId, 1) + "/holder";

    assertThat(f.call(f.org, "PUT", path, "{\"holderName\":\"Grace Hopper\"}").getStatusCode()).isEqualTo(200);
    assertThat(f.ticket(Ticket.idFor(orderId, 1)).holderName()).isEqualTo("Grace Hopper");
    assertThat(f.auditOf(f.org).get(0).after()).contains("Grace Hopper");

    assertThat(code(f.call(f.org, "PUT", path, "{\"holderName\":[\"Grace\"]}"))).isEqualTo("invalid_field");
    assertThat(code(f.call(f.org, "PUT", path, "{\"holderName\":\"x\",\"extra\":1}"))).isEqualTo("unknown_field");
    assertThat(code(f.call(f.org, "PUT", path, "{\"holderName\":\"" + "x".repeat(101) + "\"}")))
        .isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "PUT", path, "{}"))).isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "PUT", path, "[1]"))).isEqualTo("malformed_json");
    assertThat(code(f.call(f.org, "PUT", path, "{\"holderName\":\"" + "x".repeat(20_000) + "\"}")))
        .isEqualTo("payload_too_large");
    assertThat(f.ticket(Ticket.idFor(orderId, 1)).holderName()).isEqualTo("Grace Hopper");
  }

  @Test
  void resendsTheConfirmationOncePerIdempotencyKeyUnderAJobIdOfItsOwn() {
    String orderId = f.paidOrder(f.event(f.org), 2, "ada@example.com");
    String path = "/v1/org/orders/" + orderId + "/resend-confirmation";

    var first = f.call(f.org, "POST", path, null, "resend-1");
    var retried = f.call(f.org, "POST", path, null, "resend-1");
    var another = f.call(f.org, "POST", path, null, "resend-2");

    assertThat(first.getStatusCode()).isEqualTo(202);
    assertThat(retried.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    List<EmailJob> jobs = f.emailJobs(orderId);
    assertThat(jobs).extracting(EmailJob::jobId).containsExactlyInAnyOrder(json(first).get("jobId").asText(),
        json(another).get("jobId").asText());
    assertThat(jobs).extracting(EmailJob::jobId).doesNotHaveDuplicates()
        .doesNotContain(StripeEventProcessor.confirmationJobId(orderId));
    assertThat(jobs.get(0).recipient()).isEqualTo("ada@example.com");
    assertThat(jobs.get(0).template()).isEqualTo(StripeEventProcessor.CONFIRMATION_TEMPLATE);
    assertThat((List<?>) jobs.get(0).variables().get("tickets")).hasSize(2);
    assertThat(f.auditOf(f.org)).extracting(e -> e.action()).containsOnly("order.confirmation_resent").hasSize(2);
  }

  @Test
  void refusesBadQueriesAndIdsWithoutAServerError() {
    String event = f.event(f.org);
    String base = "/v1/org/events/" + event + "/orders";
    assertThat(code(f.call(f.org, "GET", base + "?email=nope", null))).isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "GET", base + "?limit=0", null))).isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "GET", base + "?limit=abc", null))).isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "GET", base + "?cursor=%25%25%25", null))).isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "GET", base + "?cursor=YWJj", null))).isEqualTo("validation_failed");
    assertThat(code(f.call(f.org, "GET", base + "?sort=asc", null))).isEqualTo("unknown_field");
    assertThat(code(f.call(f.org, "GET", "/v1/org/orders/" + "x".repeat(300), null))).isEqualTo("not_found");
    assertThat(code(f.call(f.org, "GET", "/v1/org/orders/ord_nothing", null))).isEqualTo("not_found");
    assertThat(code(f.call(f.org, "POST", "/v1/org/tickets/ord_nothing-1/revoke", "{\"reason\":[]}")))
        .isEqualTo("invalid_field");
    assertThat(code(f.call(f.org, "POST", "/v1/org/tickets/ord_nothing-1/reissue-code", "{\"a\":1}")))
        .isEqualTo("unknown_field");
    var noOrg = f.handler.handleRequest(com.boxoffice.shared.testing.HttpApiEvents.request("GET", base)
        .routeKey("$default").claims(java.util.Map.of("sub", "x", "scope", "organizer")).build(), null);
    assertThat(code(noOrg)).isEqualTo("organization_required");
    var buyer = f.handler.handleRequest(com.boxoffice.shared.testing.HttpApiEvents.request("GET", base)
        .routeKey("$default").claims(java.util.Map.of("sub", "x", "scope", "buyer", "org", f.org)).build(), null);
    assertThat(code(buyer)).isEqualTo("insufficient_scope");
  }

  @Test
  void refusesToChangeATicketThatNoLongerAdmits() {
    String orderId = f.paidOrder(f.event(f.org), 1, "ada@example.com");
    String ticketId = Ticket.idFor(orderId, 1);
    f.call(f.org, "POST", "/v1/org/tickets/" + ticketId + "/revoke", null);

    assertThat(code(f.call(f.org, "POST", "/v1/org/tickets/" + ticketId + "/reissue-code", null)))
        .isEqualTo("ticket_not_valid");
    assertThat(code(f.call(f.org, "POST", "/v1/org/orders/" + orderId + "/resend-confirmation", null)))
        .isEqualTo("order_not_paid");
  }

  @Test
  void anotherOrganizationGetsNotFoundOnEveryRouteAndChangesNothing() {
    String event = f.event(f.org);
    String orderId = f.paidOrder(event, 2, "ada@example.com");
    String ticketId = Ticket.idFor(orderId, 1);
    var before = f.everything();

    List<String[]> routes = OrgRoutes.all(event, orderId, ticketId);
    for (String[] route : routes) {
      var response = f.call(f.other, route[0], route[1], route[2], "other-" + route[1]);
      assertThat(response.getStatusCode()).as(route[0] + " " + route[1]).isEqualTo(404);
      assertThat(code(response)).as(route[0] + " " + route[1]).isEqualTo("not_found");
    }

    assertThat(f.everything()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(f.emailJobs(orderId)).isEmpty();
    assertThat(f.auditOf(f.other)).isEmpty();
    assertThat(f.auditOf(f.org)).isEmpty();
  }

  static String code(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isLessThan(500);
    return json(response).get("error").get("code").asText();
  }
}
