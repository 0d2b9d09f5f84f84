package com.boxoffice.shared.adapter.secrets;

import com.boxoffice.shared.domain.code.SigningKeys;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.SigningKeyStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The signing keys in their Secrets Manager secret, in the format of docs/ticket-codes.md. A new
 * value is put as a new version (Secrets Manager moves {@code AWSCURRENT} to it); functions pick it
 * up when they next read the secret (at start, and when their copy is older than five minutes).
 * Reading the JSON is the configuration's parser, handed in, so a value this class writes is
 * exactly one the functions accept. Secrets never appear in an exception or a log line.
 */
public final class SecretsManagerSigningKeyStore implements SigningKeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerSigningKeyStore.class);
  static final String CURRENT = "AWSCURRENT";
  /** The label a new value carries until it becomes current; the one Secrets Manager's own rotation uses too. */
  static final String CANDIDATE = "AWSPENDING";
  private final SecretsManagerClient client;
  private final String secretId;
  private final Function<String, SigningKeys> parser;

  public SecretsManagerSigningKeyStore(SecretsManagerClient client, String secretId, Function<String, SigningKeys> parser) {
    this.client = client;
    this.secretId = secretId;
    this.parser = parser;
  }

  @Override
  public Stored current() {
    GetSecretValueResponse value = client.getSecretValue(r -> r.secretId(secretId).versionStage(CURRENT));
    return new Stored(parser.apply(value.secretString()), value.versionId());
  }

  /**
   * Secrets Manager has no conditional put, but moving a staging label is conditional: the new
   * value is put as a version labelled {@value #CANDIDATE} only (readers, who read
   * {@code AWSCURRENT}, do not see it), then {@code AWSCURRENT} is moved to it from
   * {@code expectedVersion}, which Secrets Manager refuses when the label is no longer on that
   * version (moto answers {@code InvalidParameterException}; whatever the class, the label's place
   * after the refusal decides). Of two writers that read the same version only one can
   * move the label. The candidate label is then taken off again, so a losing candidate is left
   * with no label and never read.
   */
  @Override
  public boolean replace(SigningKeys keys, String expectedVersion) {
    String json = toJson(keys);
    parser.apply(json);
    String candidate = client.putSecretValue(r -> r.secretId(secretId).secretString(json)
        .clientRequestToken(UUID.randomUUID().toString()).versionStages(CANDIDATE)).versionId();
    try {
      client.updateSecretVersionStage(r -> r.secretId(secretId).versionStage(CURRENT)
          .removeFromVersionId(expectedVersion).moveToVersionId(candidate));
      return true;
    } catch (SecretsManagerException e) {
      // Which error class AWS gives a stale RemoveFromVersionId is not what decides: where the
      // label is now does. Ours: applied. Still the expected one: a real failure. Another: lost.
      String now = client.getSecretValue(r -> r.secretId(secretId).versionStage(CURRENT)).versionId();
      if (now.equals(candidate)) {
        // The move applied and its answer was lost; the SDK's retry found the label moved already.
        return true;
      }
      if (now.equals(expectedVersion)) {
        throw e;
      }
      return false;
    } finally {
      unlabel(candidate);
    }
  }

  private void unlabel(String candidate) {
    try {
      client.updateSecretVersionStage(r -> r.secretId(secretId).versionStage(CANDIDATE).removeFromVersionId(candidate));
    } catch (InvalidParameterException movedOn) {
      // A later writer's candidate took the label already.
    } catch (RuntimeException e) {
      LOG.warn("candidate label not removed from a signing key version; harmless, the next rotation moves it", e);
    }
  }

  /** The keys in the secret's format: {@code {"active":..,"fallback":..,"keys":{"k1":{"secret":..,"notAfter":..}}}}. */
  public static String toJson(SigningKeys keys) {
    Map<String, Object> byId = new LinkedHashMap<>();
    for (int n = 1; n <= 255; n++) {
      keys.byNumber(n).ifPresent(k -> {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("secret", Base64.getEncoder().encodeToString(k.secret()));
        if (k.notAfter() != null) {
          entry.put("notAfter", k.notAfter().toString());
        }
        byId.put(k.id(), entry);
      });
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("active", keys.active().id());
    root.put("fallback", keys.fallback().id());
    root.put("keys", byId);
    return Json.write(root);
  }
}
