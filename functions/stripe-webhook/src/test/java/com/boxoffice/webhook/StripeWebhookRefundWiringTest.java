package com.boxoffice.webhook;

import static com.boxoffice.webhook.FunctionUrlEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.webhook.StripeSignatures;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook built from its environment refunds a payment that is not the order's own through
 * the configured Stripe (stripe-mock here), records the refund and queues the refund notice.
 */
@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class StripeWebhookRefundWiringTest {

  @Test
  void aPaymentLinkSessionNamingAnOrderIsRefundedThroughStripeAndIssuesNothing(LocalAws aws, LocalResources res,
      StripeMock stripe) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    var orders = new SeededOrders(aws.dynamo(), res.table("BoxofficeTable"));
    orders.seedTicketType("evt-vip", "vip", "VIP", 10);
    orders.seedPendingOrder("ord_vip", "evt-vip", "vip", 1, "cs_own", Instant.now().plusSeconds(1800),
        "buyer@example.com", 9000);
    Map<String, String> env = StripeWebhookHandlerWiringTest.env(aws, res);
    env.put("STRIPE_API_BASE", stripe.baseUrl());
    env.put("STRIPE_SECRET_KEY", StripeMock.API_KEY);
    var handler = new StripeWebhookHandler(new Env(env));
    byte[] body = ("{\"id\":\"evt_pl_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cs_payment_link\",\"object\":"
        + "\"checkout.session\",\"client_reference_id\":\"ord_vip\",\"payment_status\":\"paid\",\"payment_intent\":"
        + "\"pi_link\",\"amount_total\":100,\"currency\":\"usd\",\"customer_details\":{\"email\":\"payer@example.com\"},"
        + "\"metadata\":{}}}}").getBytes(StandardCharsets.UTF_8);

    var r = handler.handleRequest(post(body, StripeSignatures.sign(body, StripeWebhookHandlerWiringTest.SECRET,
        Instant.now()), false), null);

    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    assertThat(r.getBody()).doesNotContain("queued");
    assertThat(orders.order("ord_vip").get("status").s()).isEqualTo("pending");
    assertThat(orders.order("ord_vip").get("flags").ss()).containsExactly("payment_mismatch");
    assertThat(orders.payment("pi_link").get("refundId").s()).startsWith("re_");
    assertThat(orders.ticketType("evt-vip", "vip").get("sold").n()).isEqualTo("0");
    var mail = StripeWebhookHandlerTest.drain(aws, res.queueUrl("EmailQueue"));
    assertThat(mail).extracting(m -> m.messageAttributes().get("jobId").stringValue())
        .containsExactly("payment-refund:pi_link");
  }
}
