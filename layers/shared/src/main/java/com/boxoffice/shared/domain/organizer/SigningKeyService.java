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

/**
 * Rotates the ticket-code signing keys ({@link SigningKeyRotation}) in the {@link SigningKeyStore}
 * and records who did it. The audit entry names key ids and dates only, never a secret.
 */
public final class SigningKeyService {
  private final SigningKeyStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random;

  public SigningKeyService(SigningKeyStore store, AuditLog audit, Clock clock, SecureRandom random) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /** What a rotation did: the new active key, and the retired one with the end of its validity. */
  public record Rotated(String activeKeyId, String retiredKeyId, Instant retiredKeyValidUntil) {}

  public Rotated rotate(OrganizerService.Actor actor, Instant oldKeyValidUntil) {
    Instant now = clock.instant();
    if (oldKeyValidUntil == null) {
      throw new OrganizerRefusal.Invalid(Map.of("oldKeyValidUntil", "required"));
    }
    SigningKeyRotation.whyNot(oldKeyValidUntil, now).ifPresent(reason -> {
      throw new OrganizerRefusal.Invalid(Map.of("oldKeyValidUntil", reason));
    });
    SigningKeys before = store.current();
    SigningKeys after = SigningKeyRotation.rotate(before, oldKeyValidUntil, now, random);
    store.replace(after);
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
}
