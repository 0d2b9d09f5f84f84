package com.boxoffice.local;

import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the bearer tokens of the local stack (HS256), standing in for the identity
 * provider and the HTTP API's JWT authorizer: signature, issuer, audience and expiry are checked,
 * and the claims are handed to the function as strings, as API Gateway does.
 */
final class LocalJwt {
  static final String ISSUER = "http://127.0.0.1/boxoffice-local";
  static final String AUDIENCE = "boxoffice-local";

  private final byte[] secret;
  private final Clock clock;

  LocalJwt(byte[] secret, Clock clock) {
    this.secret = secret.clone();
    this.clock = clock;
  }

  String issue(String subject, Map<String, String> extraClaims, long ttlSeconds) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("aud", AUDIENCE);
    claims.put("sub", subject);
    long now = clock.instant().getEpochSecond();
    claims.put("iat", now);
    claims.put("exp", now + ttlSeconds);
    claims.putAll(extraClaims);
    String header = b64(Json.write(Map.of("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8));
    String payload = b64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + b64(hmac(header + "." + payload));
  }

  /** The claims of a valid token, or empty when the token is missing, forged, expired or foreign. */
  Optional<Map<String, String>> verify(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : authorization.trim();
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] given = Base64.getUrlDecoder().decode(parts[2]);
      if (!MessageDigest.isEqual(given, hmac(parts[0] + "." + parts[1]))) {
        return Optional.empty();
      }
      JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!ISSUER.equals(claims.path("iss").asText()) || !AUDIENCE.equals(claims.path("aud").asText())
          || claims.path("exp").asLong() <= clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      Map<String, String> out = new LinkedHashMap<>();
      claims.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual()
          ? e.getValue().asText() : e.getValue().toString()));
      return Optional.of(out);
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  private byte[] hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
