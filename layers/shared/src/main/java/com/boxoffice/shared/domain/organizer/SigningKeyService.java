package com.boxoffice.shared.domain.organizer;

import com.boxoffice.shared.domain.code.SigningKeyRotation;
import com.boxoffice.shared.domain.code.SigningKeys;
import com.boxoffice.shared.port.out.AuditLog;
import com.boxoffice.shared.port.out.SigningKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the ticket-code signing keys ({@link SigningKeyRotation}) in the {@link SigningKeyStore}
 * and records who did it. The audit entry names key ids and dates only, never a secret.
 *
 * <p>The keys are one set for the whole deployment, so they belong to one organization, the one
 * that runs the deployment ({@code keyOwner}); to every other organization they do not exist and a
 * rotation is {@link OrganizerRefusal.NotFound}, as another tenant's records are. With no owner
 * configured nobody rotates through the API.
 */
public final class SigningKeyService {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyService.class);
  private final SigningKeyStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random;
  private final Optional<String> keyOwner;

  /** @param keyOwner the organization that may rotate the deployment's keys; empty: none may */
  public SigningKeyService(SigningKeyStore store, AuditLog audit, Clock clock, SecureRandom random,
      Optional<String> keyOwner) {
    this.store = store;
    this.keyOwner = keyOwner.filter(o -> !o.isBlank());
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /** What a rotation did: the new active key, and the retired one with the end of its validity. */
  public record Rotated(String activeKeyId, String retiredKeyId, Instant retiredKeyValidUntil) {}

  /**
   * Rotates the keys read now. The write is conditional on the keys still being the version read,
   * so of two rotations racing only one applies and the other is {@link OrganizerRefusal.KeyRotationConflict};
   * with {@code expectedActiveKeyId} the rotation applies only if that key is the active one, so a
   * repeated or stale request (the caller saw an older set) rotates nothing.
   */
  public Rotated rotate(OrganizerService.Actor actor, Instant oldKeyValidUntil, Optional<String> expectedActiveKeyId) {
    if (keyOwner.isEmpty() || !keyOwner.get().equals(actor.organizationId())) {
      LOG.info("signing key rotation refused: the keys are not this organization's organizationId={}",
          actor.organizationId());
      throw new OrganizerRefusal.NotFound("signing keys");
    }
    Instant now = clock.instant();
    if (oldKeyValidUntil == null) {
      throw new OrganizerRefusal.Invalid(Map.of("oldKeyValidUntil", "required"));
    }
    SigningKeyRotation.whyNot(oldKeyValidUntil, now).ifPresent(reason -> {
      throw new OrganizerRefusal.Invalid(Map.of("oldKeyValidUntil", reason));
    });
    SigningKeyStore.Stored stored = store.current();
    SigningKeys before = stored.keys();
    if (expectedActiveKeyId.isPresent() && !expectedActiveKeyId.get().equals(before.active().id())) {
      LOG.info("signing key rotation refused: expected active key is not active expected={} active={}",
          expectedActiveKeyId.get(), before.active().id());
      throw new OrganizerRefusal.KeyRotationConflict(before.active().id());
    }
    SigningKeys after = SigningKeyRotation.rotate(before, oldKeyValidUntil, now, random);
    if (!store.replace(after, stored.version())) {
      String activeNow = activeNow();
      LOG.info("signing key rotation lost a race; nothing rotated decidedFrom={} activeNow={}", before.active().id(),
          activeNow);
      throw new OrganizerRefusal.KeyRotationConflict(activeNow);
    }
    Map<String, Object> was = new LinkedHashMap<>();
    was.put("active", before.active().id());
    Map<String, Object> is = new LinkedHashMap<>();
    is.put("active", after.active().id());
    is.put("retired", before.active().id());
    is.put("retiredValidUntil", oldKeyValidUntil);
    audit.record(OrganizerService.audit(actor, OrganizerAction.SIGNING_KEY_ROTATED, "signing_key",
        after.active().id(), now, was, is));
    return new Rotated(after.active().id(), before.active().id(), oldKeyValidUntil);
  }

  /** The active key id as stored now, for the loser of a race; null if even that read fails. */
  private String activeNow() {
    try {
      return store.current().keys().active().id();
    } catch (RuntimeException e) {
      LOG.warn("could not read the signing keys again after a lost rotation", e);
      return null;
    }
  }
}
