package com.boxoffice.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failed start-up is tried again after a backoff, and secrets read by ARN are read again on a TTL. */
class InitializedTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final String ARN = "arn:aws:secretsmanager:us-east-1:1:secret:boxoffice/t/stripe-api-key-AbCdEf";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

  /** A Secrets Manager that fails while {@code down} is positive and otherwise returns {@code value}. */
  private static final class Secrets {
    final AtomicReference<String> value = new AtomicReference<>("sk_test_one");
    final AtomicInteger down = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    String fetch(String arn) {
      reads.incrementAndGet();
      if (down.get() > 0) {
        down.decrementAndGet();
        throw new IllegalStateException("Secrets Manager is unavailable");
      }
      return value.get();
    }
  }

  private Initialized<String> stripeKey(Secrets secrets, AtomicInteger builds) {
    Env env = new Env(Map.of("STRIPE_SECRET_KEY_SECRET_ARN", ARN));
    return Initialized.attempt(() -> {
      builds.incrementAndGet();
      return new SecretSource(env, secrets::fetch).required("STRIPE_SECRET_KEY");
    }, LoggerFactory.getLogger(InitializedTest.class), clock, TTL);
  }

  @Test
  void aSecretThatCouldNotBeReadAtStartUpIsReadAgainAfterTheBackoffInsteadOfFailingForever() {
    var secrets = new Secrets();
    secrets.down.set(2);
    var builds = new AtomicInteger();
    var init = stripeKey(secrets, builds);

    assertThatThrownBy(init::get).isInstanceOf(Initialized.Unavailable.class)
        .hasCauseInstanceOf(SecretUnavailableException.class);
    assertThat(builds).hasValue(1);
    clock.advance(Duration.ofMillis(500));
    assertThatThrownBy(init::get).isInstanceOf(Initialized.Unavailable.class);
    assertThat(builds).as("no new attempt inside the backoff").hasValue(1);

    clock.advance(Duration.ofMillis(500));
    assertThatThrownBy(init::get).isInstanceOf(Initialized.Unavailable.class);
    assertThat(builds).hasValue(2);
    assertThat(init.retryAfterSeconds()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(2));
    assertThat(init.get()).isEqualTo("sk_test_one");
    assertThat(builds).hasValue(3);
  }

  @Test
  void theBackoffDoublesUpToAMinute() {
    var builds = new AtomicInteger();
    var init = Initialized.attempt(() -> {
      builds.incrementAndGet();
      throw new IllegalStateException("DynamoDB is unavailable");
    }, LoggerFactory.getLogger(InitializedTest.class), clock, TTL);
    for (long expected : new long[] {1, 2, 4, 8, 16, 32, 60, 60}) {
      assertThat(init.retryAfterSeconds()).isEqualTo(expected);
      clock.advance(Duration.ofSeconds(expected));
      assertThatThrownBy(init::get).isInstanceOf(Initialized.Unavailable.class);
    }
    assertThat(builds).hasValue(9);
  }

  @Test
  void aMissingSettingIsThrownAsTheConfigurationErrorNamingIt() {
    var init = Initialized.attempt(() -> new Env(Map.of()).required("TABLE_NAME"),
        LoggerFactory.getLogger(InitializedTest.class), clock, TTL);
    assertThatThrownBy(init::get).isInstanceOf(ConfigurationException.class).hasMessageStartingWith("TABLE_NAME:");
  }

  @Test
  void aRotatedSecretIsPickedUpAfterTheTtlWithoutANewContainer() {
    var secrets = new Secrets();
    var builds = new AtomicInteger();
    var init = stripeKey(secrets, builds);
    assertThat(init.get()).isEqualTo("sk_test_one");

    secrets.value.set("sk_test_two");
    clock.advance(TTL.minusSeconds(1));
    assertThat(init.get()).as("still inside the TTL").isEqualTo("sk_test_one");
    clock.advance(Duration.ofSeconds(1));
    assertThat(init.get()).isEqualTo("sk_test_two");
    assertThat(builds).hasValue(2);

    clock.advance(TTL);
    assertThat(init.get()).isEqualTo("sk_test_two");
    assertThat(builds).as("an unchanged secret builds nothing").hasValue(2);
  }

  @Test
  void secretsThatCannotBeReadAtRefreshKeepTheWorkingValuesAndAreTriedAgainSoon() {
    var secrets = new Secrets();
    var builds = new AtomicInteger();
    var init = stripeKey(secrets, builds);
    secrets.value.set("sk_test_two");
    secrets.down.set(1);

    clock.advance(TTL);
    assertThat(init.get()).isEqualTo("sk_test_one");
    clock.advance(Duration.ofSeconds(1));
    assertThat(init.get()).isEqualTo("sk_test_two");
  }

  @Test
  void aFunctionWithoutSecretsByArnIsNeverBuiltAgain() {
    var builds = new AtomicInteger();
    var init = Initialized.attempt(() -> {
      builds.incrementAndGet();
      return new SecretSource(new Env(Map.of("STRIPE_SECRET_KEY", "sk_local")), arn -> "unused")
          .required("STRIPE_SECRET_KEY");
    }, LoggerFactory.getLogger(InitializedTest.class), clock, TTL);
    clock.advance(Duration.ofHours(3));
    assertThat(init.get()).isEqualTo("sk_local");
    assertThat(builds).hasValue(1);
  }

  @Test
  void afterARestoreAFailedStartUpIsTriedAgainAtOnceAndSecretsAreCheckedOnTheNextCall() {
    var secrets = new Secrets();
    secrets.down.set(1);
    var builds = new AtomicInteger();
    var init = stripeKey(secrets, builds);
    assertThatThrownBy(init::get).isInstanceOf(Initialized.Unavailable.class);

    init.restored();
    assertThat(init.get()).as("no backoff set before the snapshot is sat out").isEqualTo("sk_test_one");
    assertThat(builds).hasValue(2);

    int reads = secrets.reads.get();
    secrets.value.set("sk_test_rotated");
    init.restored();
    assertThat(init.get()).as("the secret read before the snapshot is read again on the first call")
        .isEqualTo("sk_test_rotated");
    assertThat(secrets.reads.get()).isGreaterThan(reads);
  }

  @Test
  void aRestoreWithNothingReadFromSecretsChangesNothing() {
    var builds = new AtomicInteger();
    var init = Initialized.attempt(() -> "built " + builds.incrementAndGet(), LoggerFactory.getLogger(InitializedTest.class),
        clock, TTL);
    init.restored();
    assertThat(init.get()).isEqualTo("built 1");
  }
}
