package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 confirmations, 30% of SES attempts throttled, three processor instances at once sharing
 * one send rate: every job is delivered exactly once and the attempts never run faster than the
 * configured rate (no 5-second window more than 5% over it).
 */
@ExtendWith(LocalAwsExtension.class)
class ThrottlingStormTest {
  private static final int JOBS = 1_000;
  private static final double RATE = 40;

  @Test
  void allDeliveredNoneTwiceAtTheConfiguredPace(LocalAws aws, LocalResources res) throws Exception {
    try (SesStub ses = new SesStub().throttling(0.30, 3)) {
      var fixture = new EmailFixture(aws, res, ses.endpoint()).with("SES_MAX_SEND_RATE", Double.toString(RATE))
          .with("EMAIL_MAX_EMPTY_POLLS", "3");
      ExecutorService enqueue = Executors.newFixedThreadPool(8);
      List<Future<?>> queued = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        int n = i;
        // 200 buyers with five orders each: under the per-recipient limit of 10 a minute.
        queued.add(enqueue.submit(() -> fixture.enqueue(EmailFixture.confirmation("ord_storm_" + n,
            "buyer" + (n % 200) + "@example.com", List.of("CODE" + n)))));
      }
      for (Future<?> f : queued) {
        f.get();
      }
      enqueue.shutdown();

      ExecutorService instances = Executors.newFixedThreadPool(3);
      List<Future<Map<String, Object>>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(instances.submit(() -> fixture.run(180_000)));
      }
      int sent = 0;
      int throttled = 0;
      for (var run : runs) {
        Map<String, Object> r = run.get();
        sent += (int) r.get("sent");
        throttled += (int) r.get("throttled");
      }
      instances.shutdown();

      List<SesStub.Attempt> attempts = ses.attempts();
      Map<String, Long> deliveries = attempts.stream().filter(a -> a.status() == 200)
          .collect(Collectors.groupingBy(SesStub.Attempt::jobId, Collectors.counting()));
      assertThat(deliveries).as("every job delivered").hasSize(JOBS);
      assertThat(deliveries.values()).as("none twice").allMatch(c -> c == 1);
      assertThat(sent).isEqualTo(JOBS);
      long injected = attempts.stream().filter(a -> a.status() == 429).count();
      assertThat(throttled).isEqualTo((int) injected);
      assertThat((double) injected / attempts.size()).as("share of attempts throttled").isBetween(0.2, 0.35);
      assertThat(fixture.visible("EmailQueue") + fixture.inFlightOrDelayed("EmailQueue")).isZero();
      assertThat(fixture.visible("EmailDeadLetterQueue")).isZero();

      List<Long> times = attempts.stream().map(SesStub.Attempt::nanos).sorted().toList();
      // Never faster than the rate: no 5-second window holds more than 5% over its share. (The
      // slots themselves are exactly one interval apart, DynamoSendPacerTest; arrivals here jitter.)
      long window = 5_000_000_000L;
      int maxInWindow = 0;
      for (int i = 0, j = 0; i < times.size(); i++) {
        while (times.get(i) - times.get(j) >= window) {
          j++;
        }
        maxInWindow = Math.max(maxInWindow, i - j + 1);
      }
      assertThat(maxInWindow).as("attempts in the busiest 5 s").isLessThanOrEqualTo((int) (RATE * 5 * 1.05));
      // How close to the rate the run came is a speed figure for the benchmarks, not an assertion here.
      int backlog = (int) (times.size() * 0.8);
      double achieved = (backlog - 1) / ((times.get(backlog - 1) - times.get(0)) / 1e9);
      System.out.printf("email storm: %d attempts, %d throttled, busiest 5 s %d, achieved %.2f/s of %.0f/s%n",
          attempts.size(), injected, maxInWindow, achieved, RATE);
      assertThat(IntStream.range(0, JOBS).mapToObj(n -> "order-confirmation:ord_storm_" + n).toList())
          .allMatch(deliveries::containsKey);
    }
  }
}
