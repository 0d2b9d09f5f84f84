package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 150 confirmations, 30% of SES attempts throttled, three processor instances at once sharing
 * one send rate: every job is delivered exactly once, the slots the shared pacer hands out are
 * never closer than one interval of the configured rate and, with a backlog waiting, come at
 * least at half of it. The invariants do not depend on the
 * size of the storm; the benchmarks run the big one.
 */
@ExtendWith(LocalAwsExtension.class)
class ThrottlingStormTest {
  private static final int JOBS = 150;
  private static final double RATE = 10;

  @Test
  void allDeliveredNoneTwiceAtTheConfiguredPace(LocalAws aws, LocalResources res) throws Exception {
    try (SesStub ses = new SesStub().throttling(0.30, 3)) {
      // Every slot the shared pacer hands out, in epoch microseconds.
      List<Long> slots = new CopyOnWriteArrayList<>();
      var fixture = new EmailFixture(aws, res, ses.endpoint()).with("SES_MAX_SEND_RATE", Double.toString(RATE))
          .with("EMAIL_MAX_EMPTY_POLLS", "3")
          // 3 x 4 senders wait for slots at most 2 s ahead (20 at this rate): none is pushed back
          // for the rate alone, so a backlog keeps the pacer busy.
          .with("EMAIL_SEND_CONCURRENCY", "4").watchingPacer(pacer -> maxWait -> {
            Optional<Instant> slot = pacer.reserve(maxWait);
            slot.ifPresent(t -> slots.add(micros(t)));
            return slot;
          });
      ExecutorService enqueue = Executors.newFixedThreadPool(8);
      List<Future<?>> queued = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        int n = i;
        // 50 buyers with three orders each: under the per-recipient limit of 10 a minute.
        queued.add(enqueue.submit(() -> fixture.enqueue(EmailFixture.confirmation("ord_storm_" + n,
            "buyer" + (n % 50) + "@example.com", List.of("CODE" + n)))));
      }
      for (Future<?> f : queued) {
        f.get();
      }
      enqueue.shutdown();

      ExecutorService instances = Executors.newFixedThreadPool(3);
      CyclicBarrier together = new CyclicBarrier(3);
      List<Long> started = new CopyOnWriteArrayList<>();
      List<Long> ended = new CopyOnWriteArrayList<>();
      List<Future<Map<String, Object>>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(instances.submit(() -> {
          together.await(30, TimeUnit.SECONDS);
          started.add(System.nanoTime());
          try {
            return fixture.run(180_000);
          } finally {
            ended.add(System.nanoTime());
          }
        }));
      }
      int sent = 0;
      int throttled = 0;
      for (var run : runs) {
        Map<String, Object> r = run.get();
        sent += (int) r.get("sent");
        throttled += (int) r.get("throttled");
      }
      assertThat(Collections.max(started)).as("the three instances ran at the same time")
          .isLessThan(Collections.min(ended));
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

      // Never faster than the rate: the slots handed out across the three instances are at least
      // one interval apart (exactly one while a backlog waits, more after an idle spell).
      long intervalMicros = Math.round(1e6 / RATE);
      List<Long> sorted = slots.stream().sorted().toList();
      assertThat(sorted.size()).as("a slot for every attempt").isGreaterThanOrEqualTo(attempts.size());
      long tightest = Long.MAX_VALUE;
      for (int i = 1; i < sorted.size(); i++) {
        tightest = Math.min(tightest, sorted.get(i) - sorted.get(i - 1));
      }
      assertThat(tightest).as("closest two slots, µs").isGreaterThanOrEqualTo(intervalMicros);
      // Not slower than half the rate while a backlog waits (the first 80% of the slots).
      int backlog = (int) (sorted.size() * 0.8);
      double achieved = (backlog - 1) / ((sorted.get(backlog - 1) - sorted.get(0)) / 1e6);
      System.out.printf("email storm: %d attempts, %d throttled, %d slots, closest %d µs apart, achieved %.2f/s of %.0f/s%n",
          attempts.size(), injected, sorted.size(), tightest, achieved, RATE);
      assertThat(achieved).as("slots per second with a backlog").isBetween(RATE / 2, RATE);
      assertThat(IntStream.range(0, JOBS).mapToObj(n -> "order-confirmation:ord_storm_" + n).toList())
          .allMatch(deliveries::containsKey);
    }
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }
}
