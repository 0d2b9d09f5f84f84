package com.boxoffice.shared.adapter.secrets;

import com.boxoffice.shared.domain.code.SigningKeys;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.SigningKeyStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The signing keys in their Secrets Manager secret, in the format of docs/ticket-codes.md. A new
 * value is put as a new version (Secrets Manager moves {@code AWSCURRENT} to it); functions pick it
 * up when they next read the secret (at start, and when their copy is older than five minutes).
 * Reading the JSON is the configuration's parser, handed in, so a value this class writes is
 * exactly one the functions accept. Secrets never appear in an exception or a log line.
 */
public final class SecretsManagerSigningKeyStore implements SigningKeyStore {
  private final SecretsManagerClient client;
  private final String secretId;
  private final Function<String, SigningKeys> parser;

  public SecretsManagerSigningKeyStore(SecretsManagerClient client, String secretId, Function<String, SigningKeys> parser) {
    this.client = client;
    this.secretId = secretId;
    this.parser = parser;
  }

  @Override
  public SigningKeys current() {
    return parser.apply(client.getSecretValue(r -> r.secretId(secretId)).secretString());
  }

  @Override
  public void replace(SigningKeys keys) {
    String json = toJson(keys);
    parser.apply(json);
    client.putSecretValue(r -> r.secretId(secretId).secretString(json));
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
