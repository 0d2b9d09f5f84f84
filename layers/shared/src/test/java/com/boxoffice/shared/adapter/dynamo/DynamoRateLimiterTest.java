package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.RateLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class DynamoRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2036-05-01T10:00:10Z"));

  @Test
  void theAttemptAfterTheLimitIsRefusedUntilTheWindowTurns(LocalAws aws, LocalResources res) {
    var limiter = new DynamoRateLimiter(aws.dynamo(), res.table("BoxofficeTable"), clock);
    var limit = new RateLimiter.Limit("test", 3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(limit, "user-1").allowed()).isTrue();
    }
    var refused = limiter.tryAcquire(limit, "user-1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(50);
    assertThat(limiter.tryAcquire(limit, "user-2").allowed()).as("other keys have their own count").isTrue();

    clock.advance(Duration.ofSeconds(50));
    assertThat(limiter.tryAcquire(limit, "user-1").allowed()).isTrue();
  }

  @Test
  void aReleasedSlotCanBeTakenAgainInTheSameWindowButNotTwice(LocalAws aws, LocalResources res) {
    var limiter = new DynamoRateLimiter(aws.dynamo(), res.table("BoxofficeTable"), clock);
    var limit = new RateLimiter.Limit("release", 2, Duration.ofMinutes(1));
    limiter.tryAcquire(limit, "k");
    var second = limiter.tryAcquire(limit, "k");
    var refused = limiter.tryAcquire(limit, "k");
    assertThat(refused.allowed()).isFalse();

    limiter.release(limit, "k", refused);
    assertThat(limiter.tryAcquire(limit, "k").allowed()).as("releasing a refusal frees nothing").isFalse();
    limiter.release(limit, "k", second);
    assertThat(limiter.tryAcquire(limit, "k").allowed()).isTrue();
    assertThat(limiter.tryAcquire(limit, "k").allowed()).isFalse();
  }

  @Test
  void concurrentCallersNeverExceedTheLimit(LocalAws aws, LocalResources res) throws Exception {
    var limiter = new DynamoRateLimiter(aws.dynamo(), res.table("BoxofficeTable"), clock);
    var limit = new RateLimiter.Limit("burst", 25, Duration.ofMinutes(1));
    try (var pool = Executors.newFixedThreadPool(16)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        results.add(pool.submit(() -> limiter.tryAcquire(limit, "ip-1").allowed()));
      }
      long allowed = 0;
      for (var f : results) {
        allowed += f.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(25);
    }
  }
}
