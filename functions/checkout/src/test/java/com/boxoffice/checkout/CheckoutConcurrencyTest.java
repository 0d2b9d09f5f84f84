package com.boxoffice.checkout;

import static com.boxoffice.checkout.CheckoutFixture.body;
import static com.boxoffice.checkout.CheckoutFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.testing.StripeMockExtension;
import com.boxoffice.shared.testing.StripeMockExtension.StripeMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({LocalAwsExtension.class, StripeMockExtension.class})
class CheckoutConcurrencyTest {

  @Test
  void fiveHundredBuyersRacingForAHundredSeatsHoldExactlyAHundred(LocalAws aws, LocalResources res, StripeMock stripe)
      throws Exception {
    var f = new CheckoutFixture(aws, res, CheckoutFixture.stripeAt(stripe.baseUrl(), Duration.ofSeconds(10)));
    f.ticketType("general", 100, 2500, 10);
    int buyers = 500;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    long started;
    try (var pool = Executors.newFixedThreadPool(48)) {
      for (int i = 0; i < buyers; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          go.await();
          var r = f.post("/v1/checkout", body("general", 1), "buyer-" + n, "10.0." + (n / 250) + "." + (n % 250), Map.of());
          return r.getStatusCode() + (r.getStatusCode() == 201 ? "" : ":" + json(r).at("/error/code").asText());
        }));
      }
      started = System.nanoTime();
      go.countDown();
    }
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    Map<String, Integer> outcomes = new TreeMap<>();
    for (var r : results) {
      outcomes.merge(r.get(), 1, Integer::sum);
    }
    System.out.println("500 concurrent checkouts for 100 seats: " + outcomes + " in " + elapsedMs + " ms");

    assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("201", 100, "409:sold_out", 400));
    assertThat(f.inventory("general")).containsExactly(100, 0, 0);
    assertThat(f.count("ORDER#")).isEqualTo(100);
  }
}
