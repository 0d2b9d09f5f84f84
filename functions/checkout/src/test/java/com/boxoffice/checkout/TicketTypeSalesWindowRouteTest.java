package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.EVENT;
import static com.boxoffice.checkout.CheckoutFixture.START;
import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ticket type's own sales window through the checkout route on DynamoDB Local: outside it the
 * answer is 409 {@code ticket_type_not_on_sale} naming the type, nothing is held and the payment
 * provider is not asked; the refusal is not kept under the request's {@code Idempotency-Key}, so
 * the same request sells once the type opens.
 */
@ExtendWith(LocalAwsExtension.class)
class TicketTypeSalesWindowRouteTest {
  static final Instant OPENS = START.plus(Duration.ofHours(1));

  @Test
  void aTypeOutsideItsWindowIsRefusedWithItsCodeAndTheSameRequestSellsOnceItOpens(LocalAws aws,
      LocalResources res) {
    var gateway = new CheckoutBadInputTest.CountingGateway();
    var f = new CheckoutFixture(aws, res, gateway);
    f.catalog.putTicketType(new TicketType(EVENT, "late", "Late", 3000, "eur", 50, 0, 0, 50, 10, OPENS, null));
    f.catalog.putTicketType(new TicketType(EVENT, "early", "Early", 1500, "eur", 50, 0, 0, 50, 10, null, OPENS));
    var key = Map.of("Idempotency-Key", "late-attempt-1");

    var tooEarly = f.post("/v1/checkout", body("late", 2), "user-1", "198.51.100.7", key);

    assertThat(tooEarly.getStatusCode()).isEqualTo(409);
    assertThat(json(tooEarly).at("/error/code").asText()).isEqualTo("ticket_type_not_on_sale");
    assertThat(json(tooEarly).at("/error/retryable").asBoolean()).isFalse();
    assertThat(json(tooEarly).at("/error/fields/late").asText()).isEqualTo("on sale from " + OPENS);
    assertThat(f.inventory("late")).containsExactly(0, 0, 50);
    assertThat(gateway.calls).hasValue(0);
    assertThat(f.count("ORDER#")).isZero();

    f.clock.set(OPENS);
    var onTime = f.post("/v1/checkout", body("late", 2), "user-1", "198.51.100.7", key);
    var tooLate = f.checkout(body("early", 1), "user-2");

    assertThat(onTime.getStatusCode()).as("the refusal was not replayed").isEqualTo(201);
    assertThat(onTime.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(f.inventory("late")).containsExactly(2, 0, 48);
    assertThat(tooLate.getStatusCode()).isEqualTo(409);
    assertThat(json(tooLate).at("/error/code").asText()).isEqualTo("ticket_type_not_on_sale");
    assertThat(json(tooLate).at("/error/fields/early").asText()).isEqualTo("sales closed at " + OPENS);
    assertThat(f.inventory("early")).containsExactly(0, 0, 50);
  }
}
