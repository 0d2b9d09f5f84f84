package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CheckoutAttemptTest {

  @Test
  void oneSeedAlwaysNamesTheSameOrderAndToken() {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);

    var first = CheckoutAttempt.fromSeed(seed, false);
    var again = CheckoutAttempt.fromSeed(seed.clone(), true);

    assertThat(again.orderId()).isEqualTo(first.orderId());
    assertThat(again.accessToken()).isEqualTo(first.accessToken());
    assertThat(first.orderId()).matches("ord_[0-9a-f]{24}");
    assertThat(first.accessToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(first.toString()).as("the token stays out of logs").doesNotContain(first.accessToken());
  }

  @Test
  void otherSeedsNameOtherOrdersAndShortSeedsAreRefused() {
    var random = new SecureRandom();
    var a = CheckoutAttempt.fresh(random);
    var b = CheckoutAttempt.fresh(random);

    assertThat(a.orderId()).isNotEqualTo(b.orderId());
    assertThat(a.accessToken()).isNotEqualTo(b.accessToken());
    assertThat(a.mayExist()).isFalse();
    assertThatThrownBy(() -> CheckoutAttempt.fromSeed(new byte[16], false)).isInstanceOf(IllegalArgumentException.class);
  }
}
