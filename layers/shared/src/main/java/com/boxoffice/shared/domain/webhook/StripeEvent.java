package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A verified Stripe event: its id, type, creation time and the {@code data.object} it carries,
 * plus the exact JSON it arrived as (for the retry queue; never logged).
 */
public record StripeEvent(String id, String type, Instant created, JsonNode object, String payload) {

  /** The event JSON is not what Stripe sends (no id, type or data.object). */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }
  }

  public static StripeEvent parse(byte[] json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new MalformedEventException("event is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEventException("event is not a JSON object");
    }
    String id = root.path("id").asText("");
    String type = root.path("type").asText("");
    JsonNode object = root.path("data").path("object");
    if (id.isBlank() || type.isBlank() || !object.isObject()) {
      throw new MalformedEventException("event lacks id, type or data.object");
    }
    if (id.length() > 255) {
      throw new MalformedEventException("event id too long");
    }
    long created = root.path("created").asLong(0);
    return new StripeEvent(id, type, Instant.ofEpochSecond(created), object,
        new String(json, StandardCharsets.UTF_8));
  }

  public static StripeEvent parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A text field of {@code data.object}, or of a nested object with a dotted path. */
  public Optional<String> text(String path) {
    JsonNode node = object;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
  }

  public long number(String field) {
    return object.path(field).asLong(0);
  }

  /** The order this event is about: {@code client_reference_id}, else {@code metadata.orderId}. */
  public Optional<String> orderId() {
    return text("client_reference_id").or(() -> text("metadata.orderId"));
  }
}
