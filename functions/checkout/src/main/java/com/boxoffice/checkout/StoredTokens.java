package com.boxoffice.checkout;

import com.boxoffice.shared.http.IdempotentRoutes;
import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Keeps a guest's access token out of the idempotency table in clear. The stored answer carries
 * the token XORed with SHA-256 of the caller and the client's {@code Idempotency-Key} (which is
 * itself stored only as a different hash), so only a request that presents the same key can
 * turn the stored answer back into the identical response; someone reading the table cannot.
 */
final class StoredTokens {
  private static final String FIELD = "accessToken";
  private static final String WRAPPED = "wrapped:";

  /** The checkout routes' stored bodies: the guest's access token sealed. */
  static final IdempotentRoutes.StoredBodies SEALED = new IdempotentRoutes.StoredBodies() {
    @Override
    public String seal(String body, String caller, String key) {
      return forStorage(body, caller, key);
    }

    @Override
    public String unseal(String stored, String caller, String key) {
      return forReplay(stored, caller, key);
    }
  };

  private StoredTokens() {}

  /** The body to store: the access token, if any, wrapped. */
  static String forStorage(String body, String principal, String key) {
    return transform(body, principal, key, true);
  }

  /** The body to replay: the stored token unwrapped. */
  static String forReplay(String body, String principal, String key) {
    return transform(body, principal, key, false);
  }

  private static String transform(String body, String principal, String key, boolean wrap) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (IOException e) {
      return body;
    }
    if (!(node instanceof ObjectNode object) || !object.path(FIELD).isTextual()) {
      return body;
    }
    String value = object.get(FIELD).asText();
    if (wrap) {
      byte[] token = value.getBytes(StandardCharsets.UTF_8);
      object.put(FIELD, WRAPPED + Base64.getUrlEncoder().withoutPadding().encodeToString(xor(token, principal, key)));
    } else if (value.startsWith(WRAPPED)) {
      byte[] wrapped = Base64.getUrlDecoder().decode(value.substring(WRAPPED.length()));
      object.put(FIELD, new String(xor(wrapped, principal, key), StandardCharsets.UTF_8));
    } else {
      return body;
    }
    return Json.write(object);
  }

  private static byte[] xor(byte[] data, String principal, String key) {
    byte[] out = new byte[data.length];
    byte[] pad = new byte[0];
    for (int i = 0; i < data.length; i++) {
      if (i % 32 == 0) {
        pad = sha256("order-access-token\n" + (i / 32) + "\n" + principal + "\n" + key);
      }
      out[i] = (byte) (data[i] ^ pad[i % 32]);
    }
    return out;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
