package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.payment.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every answer the provider can give, before and after the bound, and the verdict it leads to. */
class HoldPolicyTest {
  static final Instant HOLD_ENDS = Instant.parse("2030-05-01T10:31:00Z");
  static final HoldPolicy POLICY = new HoldPolicy(Duration.ofDays(3), Duration.ofHours(1));
  static final Instant SOON = HOLD_ENDS.plus(Duration.ofMinutes(6));
  static final Instant LATE = HOLD_ENDS.plus(Duration.ofDays(3));

  static Order order(String sessionId) {
    return new Order("ord_1", OrderStatus.PENDING, "evt-1", "Night", HOLD_ENDS.plus(Duration.ofDays(9)),
        HOLD_ENDS.plus(Duration.ofDays(9)), "u", null, "a@example.com", "A", List.of(new OrderLine("ga", "GA", 1, 2500)),
        2500, "eur", HOLD_ENDS.minus(Duration.ofMinutes(31)), HOLD_ENDS, HOLD_ENDS.plus(Duration.ofMinutes(5)),
        sessionId, null, null, null, false, 0, 0);
  }

  static HoldVerdict verdict(Optional<SessionState> answer, Instant now) {
    return POLICY.decide(order("cs_1"), answer, now).verdict();
  }

  @Test
  void onlyAnExpiredSessionOrNoSessionAtAllReleasesTheSeats() {
    assertThat(verdict(Optional.of(SessionState.EXPIRED), SOON)).isEqualTo(HoldVerdict.RELEASE);
    assertThat(verdict(Optional.of(SessionState.EXPIRED), LATE)).isEqualTo(HoldVerdict.RELEASE);
    assertThat(POLICY.decide(order(null), Optional.empty(), SOON).verdict()).isEqualTo(HoldVerdict.RELEASE);
    assertThat(POLICY.needsSession(order(null))).isFalse();
    assertThat(POLICY.needsSession(order("cs_1"))).isTrue();
  }

  @Test
  void aCompletedSessionIsKeptAndLookedAtAgainAfterTheRecheckIntervalButNotPastTheBound() {
    for (SessionState s : List.of(SessionState.PAID, SessionState.AWAITING_PAYMENT)) {
      var d = POLICY.decide(order("cs_1"), Optional.of(s), SOON);
      assertThat(d.verdict()).isEqualTo(HoldVerdict.KEEP);
      assertThat(d.recheckAt()).isEqualTo(SOON.plus(Duration.ofHours(1)));
      Instant nearTheEnd = LATE.minus(Duration.ofMinutes(10));
      assertThat(POLICY.decide(order("cs_1"), Optional.of(s), nearTheEnd).recheckAt()).isEqualTo(LATE);
    }
  }

  @Test
  void anUnknownStateOrASessionStillOpenIsAskedAgainAtTheNextSweep() {
    assertThat(verdict(Optional.empty(), SOON)).isEqualTo(HoldVerdict.RETRY);
    assertThat(verdict(Optional.of(SessionState.OPEN), SOON)).isEqualTo(HoldVerdict.RETRY);
  }

  @Test
  void pastTheBoundEverythingButAnExpiredSessionIsFlaggedWithItsReason() {
    assertThat(POLICY.decide(order("cs_1"), Optional.of(SessionState.AWAITING_PAYMENT), LATE))
        .isEqualTo(new HoldPolicy.Decision(HoldVerdict.FLAG_FOR_REVIEW, null, HoldReviewReason.ASYNC_PAYMENT_OVERDUE));
    assertThat(POLICY.decide(order("cs_1"), Optional.of(SessionState.PAID), LATE).reason())
        .isEqualTo(HoldReviewReason.PAID_NOT_FULFILLED);
    assertThat(POLICY.decide(order("cs_1"), Optional.of(SessionState.OPEN), LATE).reason())
        .isEqualTo(HoldReviewReason.SESSION_UNRESOLVED);
    assertThat(POLICY.decide(order("cs_1"), Optional.empty(), LATE).reason())
        .isEqualTo(HoldReviewReason.SESSION_UNRESOLVED);
  }

  @Test
  void theProvidersStatusPairsMapToTheFourStates() {
    assertThat(SessionState.of("open", "unpaid")).isEqualTo(SessionState.OPEN);
    assertThat(SessionState.of("expired", "unpaid")).isEqualTo(SessionState.EXPIRED);
    assertThat(SessionState.of("complete", "paid")).isEqualTo(SessionState.PAID);
    assertThat(SessionState.of("complete", "no_payment_required")).isEqualTo(SessionState.PAID);
    assertThat(SessionState.of("complete", "unpaid")).isEqualTo(SessionState.AWAITING_PAYMENT);
  }
}
