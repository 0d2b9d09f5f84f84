package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class DynamoSendPacerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void slotsFromManyConcurrentSendersAreHandedOutExactlyOneIntervalApart(LocalAws aws, LocalResources res)
      throws Exception {
    // The clock stands still, so every slot is "ahead"; the pacer must still never hand out one twice.
    // The first comes after an idle pacer, so it lies the idle lead ahead.
    MutableClock clock = new MutableClock(T0);
    var pacer = new DynamoSendPacer(aws.dynamo(), res.table("BoxofficeTable"), "test", 50, clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Optional<Instant>>> futures = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      futures.add(pool.submit(() -> pacer.reserve(Duration.ofSeconds(5))));
    }
    List<Long> waitsMs = new ArrayList<>();
    for (var f : futures) {
      waitsMs.add(Duration.between(T0, f.get().orElseThrow()).toMillis());
    }
    pool.shutdown();
    Collections.sort(waitsMs);
    for (int i = 0; i < waitsMs.size(); i++) {
      assertThat(waitsMs.get(i)).as("slot %d", i).isEqualTo(DynamoSendPacer.IDLE_LEAD.toMillis() + i * 20L);
    }
  }

  @Test
  void refusesToReserveBeyondTheLongestWaitAndRestartsAfterAnIdleSpell(LocalAws aws, LocalResources res) {
    MutableClock clock = new MutableClock(T0);
    var pacer = new DynamoSendPacer(aws.dynamo(), res.table("BoxofficeTable"), "test", 2, clock);

    Instant first = T0.plus(DynamoSendPacer.IDLE_LEAD);
    assertThat(pacer.reserve(Duration.ofSeconds(1))).contains(first);
    assertThat(pacer.reserve(Duration.ofSeconds(1))).contains(first.plusMillis(500));
    assertThat(pacer.reserve(Duration.ofSeconds(1))).as("the next slot is 1.025 s ahead").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    Instant again = clock.instant().plus(DynamoSendPacer.IDLE_LEAD);
    assertThat(pacer.reserve(Duration.ofSeconds(1))).as("idle: the next slot just ahead").contains(again);
    assertThat(pacer.reserve(Duration.ofSeconds(1))).contains(again.plusMillis(500));
  }
}
