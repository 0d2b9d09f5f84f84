package com.boxoffice.shared.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.payment.CircuitBreaker.State;
import com.boxoffice.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
  private final CircuitBreaker breaker = CircuitBreaker.forPaymentProvider(clock);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquire()).isTrue();
      breaker.recordFailure();
    }
  }

  @Test
  void fiveFailuresWithinTheWindowOpenItAndFailuresSpreadOutDoNot() {
    fail(4);
    clock.advance(Duration.ofSeconds(31));
    fail(4);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    fail(1);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(breaker.wouldPermit()).isFalse();
    assertThat(breaker.secondsUntilTrial()).isEqualTo(30);
  }

  @Test
  void afterTheCoolDownExactlyOneTrialGoesThroughAndItsResultDecides() {
    fail(5);
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).as("only one trial").isFalse();
    breaker.recordFailure();
    assertThat(breaker.state()).isEqualTo(State.OPEN);

    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.recordSuccess();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void anAbandonedTrialFreesTheSlot() {
    fail(5);
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.recordAbandoned();
    assertThat(breaker.tryAcquire()).isTrue();
  }
}
