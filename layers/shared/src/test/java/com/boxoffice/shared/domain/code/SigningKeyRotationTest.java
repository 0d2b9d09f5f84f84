package com.boxoffice.shared.domain.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rotating the signing keys: a fresh active key, the old one retired at the cut-off, the fallback kept. */
@Tag("fast")
class SigningKeyRotationTest {
  private static final Instant NOW = Instant.parse("2036-06-01T12:00:00Z");

  private static SigningKeys.Key key(String id, int n, Instant notAfter) {
    return new SigningKeys.Key(id, n, new byte[32], notAfter);
  }

  @Test
  void theNewKeyIsActiveTheOldOneEndsAtTheCutOffAndExpiredOnesGoExceptTheFallback() {
    var k1 = key("k1", 1, NOW.minusSeconds(1));
    var k2 = key("k2", 2, null);
    var k3 = key("k3", 3, NOW.minusSeconds(60));
    var current = new SigningKeys(Map.of(1, k1, 2, k2, 3, k3), k2, k1);
    Instant cutOff = NOW.plus(Duration.ofDays(7));

    SigningKeys next = SigningKeyRotation.rotate(current, cutOff, NOW, new SecureRandom());

    // k3 expired and is dropped, but its number is not reused: its codes stay "retired", never "bad signature".
    assertThat(next.active().id()).isEqualTo("k4");
    assertThat(next.byNumber(3)).isEmpty();
    assertThat(next.active().notAfter()).isNull();
    assertThat(next.active().secret()).isNotEqualTo(new byte[32]);
    assertThat(next.byNumber(2).orElseThrow().notAfter()).isEqualTo(cutOff);
    assertThat(next.fallback().id()).as("the fallback stays, even past its notAfter").isEqualTo("k1");
    assertThat(next.byNumber(1)).isPresent();
  }

  @Test
  void aCutOffInThePastOrTooFarAheadIsRefused() {
    var k1 = key("k1", 1, null);
    var current = new SigningKeys(Map.of(1, k1), k1, k1);
    assertThat(SigningKeyRotation.whyNot(NOW, NOW)).isPresent();
    assertThat(SigningKeyRotation.whyNot(NOW.plus(Duration.ofDays(91)), NOW)).isPresent();
    assertThat(SigningKeyRotation.whyNot(NOW.plus(Duration.ofDays(1)), NOW)).isEmpty();
    assertThatThrownBy(() -> SigningKeyRotation.rotate(current, NOW.minusSeconds(1), NOW, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
