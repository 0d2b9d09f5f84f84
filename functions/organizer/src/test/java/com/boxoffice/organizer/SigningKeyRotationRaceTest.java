package com.boxoffice.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.secrets.SecretsManagerSigningKeyStore;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SigningKeys;
import com.boxoffice.shared.domain.organizer.OrganizerRefusal;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import com.boxoffice.shared.domain.organizer.SigningKeyService;
import com.boxoffice.shared.port.out.SigningKeyStore;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryAuditLog;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two rotations of the signing keys at once, on Secrets Manager as moto serves it: both read the
 * same keys (a {@link CyclicBarrier} holds each after its read until the other has read too), both
 * try to write, and exactly one applies; the other is refused with
 * {@link OrganizerRefusal.KeyRotationConflict} naming the key the winner made active, and leaves
 * no trace: no key of its own in the secret, no audit entry.
 */
@ExtendWith(LocalSnsExtension.class)
class SigningKeyRotationRaceTest {
  static final String K1 = "{\"active\":\"k1\",\"fallback\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}";
  static final OrganizerService.Actor ALICE = new OrganizerService.Actor("org_a", "alice");
  static final OrganizerService.Actor BOB = new OrganizerService.Actor("org_a", "bob");

  /**
   * The real store, but a racer's first read waits at the barrier, so both racers decide from the
   * same version; later reads (the loser's look at what is active now) go straight through.
   */
  static final class ReadTogether implements SigningKeyStore {
    private final SigningKeyStore store;
    private final CyclicBarrier barrier;
    private final AtomicBoolean waited = new AtomicBoolean();

    ReadTogether(SigningKeyStore store, CyclicBarrier barrier) {
      this.store = store;
      this.barrier = barrier;
    }

    @Override
    public Stored current() {
      Stored read = store.current();
      if (waited.compareAndSet(false, true)) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other racer never read", e);
        }
      }
      return read;
    }

    @Override
    public boolean replace(SigningKeys keys, String expectedVersion) {
      return store.replace(keys, expectedVersion);
    }
  }

  @Test
  void ofTwoRotationsDecidedFromTheSameKeysExactlyOneApplies(LocalSns moto) throws Exception {
    try (MotoSecrets secrets = new MotoSecrets(moto)) {
      for (int round = 0; round < 3; round++) {
        String arn = secrets.create("boxoffice/race/qr-signing-keys-" + round + "-" + System.nanoTime(), K1);
        var store = new SecretsManagerSigningKeyStore(secrets.client, arn,
            json -> SigningKeysSetting.parse(json, SigningKeysSetting.NAME));
        var barrier = new CyclicBarrier(2);
        var audit = new InMemoryAuditLog();
        MutableClock clock = new MutableClock(Instant.now());
        Instant cutOff = clock.instant().plus(Duration.ofDays(7));
        List<Object> outcomes = race(
            () -> new SigningKeyService(new ReadTogether(store, barrier), audit, clock, new SecureRandom(), Optional.of("org_a"))
                .rotate(ALICE, cutOff, Optional.empty()),
            () -> new SigningKeyService(new ReadTogether(store, barrier), audit, clock, new SecureRandom(), Optional.of("org_a"))
                .rotate(BOB, cutOff, Optional.empty()));

        List<SigningKeyService.Rotated> won = outcomes.stream()
            .filter(SigningKeyService.Rotated.class::isInstance).map(SigningKeyService.Rotated.class::cast).toList();
        List<OrganizerRefusal.KeyRotationConflict> lost = outcomes.stream()
            .filter(OrganizerRefusal.KeyRotationConflict.class::isInstance)
            .map(OrganizerRefusal.KeyRotationConflict.class::cast).toList();
        assertThat(won).as("round %d: %s", round, outcomes).hasSize(1);
        assertThat(lost).as("round %d: %s", round, outcomes).hasSize(1);
        assertThat(lost.get(0).activeKeyId()).isEqualTo("k2");

        SigningKeys stored = SigningKeysSetting.parse(secrets.current(arn), SigningKeysSetting.NAME);
        assertThat(stored.active().id()).isEqualTo(won.get(0).activeKeyId()).isEqualTo("k2");
        assertThat(stored.byNumber(1)).isPresent();
        assertThat(stored.byNumber(3)).as("the loser's key was never made current").isEmpty();
        assertThat(stored.byNumber(1).orElseThrow().notAfter()).isEqualTo(cutOff);
        assertThat(audit.all()).as("only the rotation that applied is in the audit log").hasSize(1);
        assertThat(secrets.labelledVersions(arn)).as("the current and the previous value; the loser's is unlabelled")
            .isEqualTo(2);

        var next = new SigningKeyService(store, audit, clock, new SecureRandom(), Optional.of("org_a")).rotate(ALICE, cutOff, Optional.of("k2"));
        assertThat(next.activeKeyId()).as("the next rotation reads the winner's keys").isEqualTo("k3");
      }
    }
  }

  @Test
  void aRotationThatExpectsAKeyNoLongerActiveRotatesNothing(LocalSns moto) {
    try (MotoSecrets secrets = new MotoSecrets(moto)) {
      String arn = secrets.create("boxoffice/race/qr-signing-keys-stale-" + System.nanoTime(), K1);
      var store = new SecretsManagerSigningKeyStore(secrets.client, arn,
          json -> SigningKeysSetting.parse(json, SigningKeysSetting.NAME));
      var audit = new InMemoryAuditLog();
      MutableClock clock = new MutableClock(Instant.now());
      var service = new SigningKeyService(store, audit, clock, new SecureRandom(), Optional.of("org_a"));
      Instant cutOff = clock.instant().plus(Duration.ofDays(7));

      assertThat(service.rotate(ALICE, cutOff, Optional.of("k1")).activeKeyId()).isEqualTo("k2");
      var again = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> service.rotate(ALICE, cutOff, Optional.of("k1")), OrganizerRefusal.KeyRotationConflict.class);

      assertThat(again.activeKeyId()).isEqualTo("k2");
      assertThat(SigningKeysSetting.parse(secrets.current(arn), SigningKeysSetting.NAME).active().id()).isEqualTo("k2");
      assertThat(audit.all()).hasSize(1);
    }
  }

  @SafeVarargs
  private static List<Object> race(java.util.concurrent.Callable<SigningKeyService.Rotated>... racers)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers.length);
    try {
      List<Future<SigningKeyService.Rotated>> futures = new ArrayList<>();
      for (var racer : racers) {
        futures.add(pool.submit(racer));
      }
      List<Object> outcomes = new ArrayList<>();
      for (var f : futures) {
        try {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
