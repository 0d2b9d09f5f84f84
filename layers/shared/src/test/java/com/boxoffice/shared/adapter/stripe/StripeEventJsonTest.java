package com.boxoffice.shared.adapter.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.webhook.StripeEvent;
import com.boxoffice.testkit.RepoRoot;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class StripeEventJsonTest {

  static StripeEvent sample(String name) throws Exception {
    return new StripeEventJson().parse(Files.readAllBytes(RepoRoot.find().resolve("events/stripe-webhook/" + name)));
  }

  @Test
  void readsTheFieldsTheProcessorDecidesOnFromTheSampleEvents() throws Exception {
    var completed = sample("checkout.session.completed.json");
    assertThat(completed.id()).isEqualTo("evt_test_completed_0001");
    assertThat(completed.type()).isEqualTo("checkout.session.completed");
    assertThat(completed.created().getEpochSecond()).isEqualTo(1893456000L);
    assertThat(completed.object().id()).isEqualTo("cs_test_a1B2c3");
    assertThat(completed.object().amountTotal()).isEqualTo(5000);
    assertThat(completed.object().currency()).isEqualTo("eur");
    assertThat(completed.object().payerEmail()).isEqualTo("buyer@example.com");
    assertThat(completed.orderId()).contains("ord_5a3c0e9f1b2d4c6e8a0b1c2d");
    assertThat(completed.ourOrderId()).contains("ord_5a3c0e9f1b2d4c6e8a0b1c2d");
    assertThat(completed.payload()).contains("\"evt_test_completed_0001\"");

    var refunded = sample("charge.refunded.json");
    assertThat(refunded.object().paymentIntent()).isEqualTo("pi_test_3Q0example");
    assertThat(refunded.object().amountRefunded()).isEqualTo(2500);
    assertThat(refunded.object().refunds()).as("not in the event: looked up").isNull();
  }

  @Test
  void aPaymentLinkSessionHasAReferenceButNoMetadataOfOurs() {
    var e = StripeEventJson.read("{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":"
        + "{\"id\":\"cs_pl\",\"client_reference_id\":\"ord_1\",\"payment_intent\":{\"id\":\"pi_exp\"},"
        + "\"customer_email\":\"p@example.com\",\"metadata\":{}}}}");
    assertThat(e.orderId()).contains("ord_1");
    assertThat(e.ourOrderId()).isEmpty();
    assertThat(e.object().paymentIntent()).as("expanded object read by id").isEqualTo("pi_exp");
    assertThat(e.object().payerEmail()).isEqualTo("p@example.com");
  }

  @Test
  void readsTheRefundsAChargeCarriesWithTheTicketsTheyName() {
    var e = StripeEventJson.read("{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"data\":{\"object\":"
        + "{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\",\"amount_refunded\":9500,\"refunds\":{\"data\":["
        + "{\"id\":\"re_1\",\"amount\":9000,\"status\":\"succeeded\",\"metadata\":{\"ticketIds\":\"o-2, o-3\"}},"
        + "{\"id\":\"re_2\",\"amount\":500,\"status\":\"succeeded\",\"metadata\":{}},"
        + "{\"id\":\"re_3\",\"amount\":700,\"status\":\"failed\",\"metadata\":{}}]}}}}");
    var refunds = e.object().refunds();
    assertThat(refunds).hasSize(3);
    assertThat(refunds.get(0).ticketIds()).containsExactly("o-2", "o-3");
    assertThat(refunds.get(1).namesTickets()).isFalse();
    assertThat(refunds.get(2).active()).isFalse();
  }

  @Test
  void aBodyThatIsNotAnEventIsMalformed() {
    for (String body : new String[] {"not json", "[]", "{\"id\":\"evt\",\"type\":\"x\"}",
        "{\"id\":\"\",\"type\":\"x\",\"data\":{\"object\":{}}}"}) {
      assertThatThrownBy(() -> StripeEventJson.read(body)).as(body)
          .isInstanceOf(StripeEvent.MalformedEventException.class);
    }
    assertThatThrownBy(() -> StripeEventJson.read("{\"id\":\"" + "e".repeat(256)
        + "\",\"type\":\"x\",\"data\":{\"object\":{}}}")).isInstanceOf(StripeEvent.MalformedEventException.class);
  }
}
