package com.boxoffice.shared.domain.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.boxoffice.shared.domain.code.SigningKeys;
import com.boxoffice.shared.http.Refusals;
import com.boxoffice.shared.port.out.SigningKeyStore;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryAuditLog;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SigningKeyService} on an in-memory store with versions: a rotation writes only on the
 * version it read, names the caller's expected key, and a refused rotation changes nothing and
 * records nothing.
 */
@Tag("fast")
class SigningKeyServiceTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final OrganizerService.Actor ALICE = new OrganizerService.Actor("org_a", "alice");

  /** Keys under a version number; {@code interleave} runs between a read and the next write, as a racer would. */
  static final class VersionedStore implements SigningKeyStore {
    SigningKeys keys;
    int version = 1;
    Runnable interleave = () -> {};

    VersionedStore(SigningKeys keys) {
      this.keys = keys;
    }

    @Override
    public Stored current() {
      return new Stored(keys, Integer.toString(version));
    }

    @Override
    public boolean replace(SigningKeys next, String expectedVersion) {
      Runnable racer = interleave;
      interleave = () -> {};
      racer.run();
      if (!expectedVersion.equals(Integer.toString(version))) {
        return false;
      }
      keys = next;
      version++;
      return true;
    }
  }

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  final VersionedStore store = new VersionedStore(new SigningKeys(
      Map.of(1, new SigningKeys.Key("k1", 1, new byte[32], null)), new SigningKeys.Key("k1", 1, new byte[32], null),
      new SigningKeys.Key("k1", 1, new byte[32], null)));
  final SigningKeyService service = new SigningKeyService(store, audit, clock, new SecureRandom(), Optional.of("org_a"));
  final Instant cutOff = NOW.plus(Duration.ofDays(7));

  @Test
  void aRotationExpectingTheActiveKeyApplies() {
    var rotated = service.rotate(ALICE, cutOff, Optional.of("k1"));

    assertThat(rotated.activeKeyId()).isEqualTo("k2");
    assertThat(store.keys.active().id()).isEqualTo("k2");
    assertThat(store.keys.byNumber(1).orElseThrow().notAfter()).isEqualTo(cutOff);
    assertThat(audit.all()).hasSize(1);
  }

  @Test
  void aRotationExpectingAnotherKeyRotatesNothing() {
    service.rotate(ALICE, cutOff, Optional.empty());

    var refused = catchThrowableOfType(() -> service.rotate(ALICE, cutOff, Optional.of("k1")),
        OrganizerRefusal.KeyRotationConflict.class);

    assertThat(refused.activeKeyId()).isEqualTo("k2");
    assertThat(store.keys.active().id()).isEqualTo("k2");
    assertThat(store.version).isEqualTo(2);
    assertThat(audit.all()).hasSize(1);
    var api = Refusals.toApi(refused).orElseThrow();
    assertThat(api.status()).isEqualTo(409);
    assertThat(api.code()).isEqualTo("key_rotation_conflict");
    assertThat(api.fields()).containsExactly(Map.entry("activeKeyId", "k2"));
    assertThat(api.errorCode().retryable()).as("a blind retry would rotate twice").isFalse();
  }

  @Test
  void aRotationOvertakenBetweenItsReadAndItsWriteRotatesNothing() {
    SigningKeyService other = new SigningKeyService(store, audit, clock, new SecureRandom(), Optional.of("org_a"));
    store.interleave = () -> other.rotate(ALICE, cutOff, Optional.empty());

    var refused = catchThrowableOfType(() -> service.rotate(ALICE, cutOff, Optional.empty()),
        OrganizerRefusal.KeyRotationConflict.class);

    assertThat(refused.activeKeyId()).isEqualTo("k2");
    assertThat(store.keys.active().id()).as("the racer's key, not a second new one").isEqualTo("k2");
    assertThat(store.keys.byNumber(3)).isEmpty();
    assertThat(audit.all()).as("only the racer's rotation is recorded").hasSize(1);
  }

  @Test
  void anotherOrganizationFindsNoKeysToRotateAndNoOwnerMeansNobodyRotates() {
    var stranger = new OrganizerService.Actor("org_b", "bob");

    var refused = catchThrowableOfType(() -> service.rotate(stranger, cutOff, Optional.empty()),
        OrganizerRefusal.NotFound.class);
    var nobody = new SigningKeyService(store, audit, clock, new SecureRandom(), Optional.of(" "));
    catchThrowableOfType(() -> nobody.rotate(ALICE, cutOff, Optional.empty()), OrganizerRefusal.NotFound.class);

    assertThat(Refusals.toApi(refused).orElseThrow().status()).isEqualTo(404);
    assertThat(store.keys.active().id()).isEqualTo("k1");
    assertThat(store.version).isEqualTo(1);
    assertThat(audit.all()).isEmpty();
  }
}
