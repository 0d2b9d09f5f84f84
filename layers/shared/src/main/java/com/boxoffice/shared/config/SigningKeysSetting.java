package com.boxoffice.shared.config;

import com.boxoffice.shared.domain.code.SigningKeys;
import com.boxoffice.shared.domain.code.SigningKeys.Key;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ticket-code signing keys from the {@code QR_SIGNING_KEYS} setting (or the secret named
 * by {@code QR_SIGNING_KEYS_SECRET_ARN}), format in docs/ticket-codes.md:
 * {@code {"active":"k2","fallback":"k1","keys":{"k1":{"secret":"<base64>","notAfter":"<ISO>"},"k2":{...}}}}.
 * The domain's {@link SigningKeys} takes the parsed keys as plain values; every problem with the
 * setting is a {@link ConfigurationException} naming it, never quoting a secret.
 */
public final class SigningKeysSetting {
  /** The environment variable (or {@code <it>_SECRET_ARN}) holding the keys JSON. */
  public static final String NAME = "QR_SIGNING_KEYS";

  static final Pattern KEY_ID = Pattern.compile("k([1-9][0-9]{0,2})");
  static final int MIN_SECRET_BYTES = 32;

  private SigningKeysSetting() {}

  /** Reads and parses the setting once, at init; a missing or malformed one fails here, naming it. */
  public static SigningKeys read(SecretSource secrets) {
    return parse(secrets.required(NAME), NAME);
  }

  /** Parses the JSON configuration; every problem is a {@link ConfigurationException} naming {@code setting}. */
  public static SigningKeys parse(String json, String setting) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new ConfigurationException(setting, "is not valid JSON");
    }
    if (root == null || !root.isObject() || !root.path("keys").isObject() || !root.path("active").isTextual()) {
      throw new ConfigurationException(setting, "must be {\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"<base64>\"}}}");
    }
    Map<Integer, Key> keys = new TreeMap<>();
    Map<String, Key> byId = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("keys").fields(); it.hasNext(); ) {
      var e = it.next();
      Matcher m = KEY_ID.matcher(e.getKey());
      if (!m.matches() || Integer.parseInt(m.group(1)) > 255) {
        throw new ConfigurationException(setting, "key id " + e.getKey() + " must be k1 to k255");
      }
      int number = Integer.parseInt(m.group(1));
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(e.getValue().path("secret").asText(""));
      } catch (IllegalArgumentException bad) {
        throw new ConfigurationException(setting, "key " + e.getKey() + " secret is not base64");
      }
      if (secret.length < MIN_SECRET_BYTES) {
        throw new ConfigurationException(setting, "key " + e.getKey() + " secret must be at least 32 bytes");
      }
      Instant notAfter = null;
      JsonNode na = e.getValue().path("notAfter");
      if (!na.isMissingNode() && !na.isNull()) {
        try {
          notAfter = Instant.parse(na.asText());
        } catch (DateTimeParseException bad) {
          throw new ConfigurationException(setting, "key " + e.getKey() + " notAfter must be an ISO-8601 instant");
        }
      }
      Key key = new Key(e.getKey(), number, secret, notAfter);
      keys.put(number, key);
      byId.put(e.getKey(), key);
    }
    Key active = byId.get(root.path("active").asText());
    if (active == null) {
      throw new ConfigurationException(setting, "active key " + root.path("active").asText() + " is not among the keys");
    }
    if (active.notAfter() != null) {
      throw new ConfigurationException(setting, "the active key must not have a notAfter");
    }
    String fallbackId = root.path("fallback").asText(active.id());
    Key fallback = byId.get(fallbackId);
    if (fallback == null) {
      throw new ConfigurationException(setting, "fallback key " + fallbackId + " is not among the keys");
    }
    return new SigningKeys(keys, active, fallback);
  }
}
