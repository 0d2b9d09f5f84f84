package com.boxoffice.shared.domain.code;

import com.boxoffice.shared.config.ConfigurationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master secrets ticket codes are signed with, by key id, as configured in
 * {@code QR_SIGNING_KEYS} (see docs/ticket-codes.md):
 * {@code {"active":"k2","fallback":"k1","keys":{"k1":{"secret":"<base64>","notAfter":"<ISO>"},"k2":{...}}}}.
 * Key ids are {@code k1} to {@code k255}; the number travels in every code as one byte. New codes
 * are signed with {@code active}; a code under any other listed key is accepted until that key's
 * {@code notAfter}, then refused, which is the rotation overlap. {@code fallback} names the key
 * the typable fallback codes are derived from (default: {@code active}); it stays the same across
 * rotations so printed fallback codes keep working.
 */
public final class SigningKeys {
  /** One master secret. {@code notAfter} null means "no end". */
  public record Key(String id, int number, byte[] secret, Instant notAfter) {
    public boolean acceptsAt(Instant at) {
      return notAfter == null || at.isBefore(notAfter);
    }
  }

  static final Pattern KEY_ID = Pattern.compile("k([1-9][0-9]{0,2})");
  static final int MIN_SECRET_BYTES = 32;

  private final Map<Integer, Key> byNumber;
  private final Key active;
  private final Key fallback;

  public SigningKeys(Map<Integer, Key> byNumber, Key active, Key fallback) {
    this.byNumber = Collections.unmodifiableMap(new TreeMap<>(byNumber));
    this.active = active;
    this.fallback = fallback;
  }

  public Key active() {
    return active;
  }

  public Key fallback() {
    return fallback;
  }

  public Optional<Key> byNumber(int number) {
    return Optional.ofNullable(byNumber.get(number));
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
