package com.boxoffice.shared.domain.email;

import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bounce or complaint SES reported through the configuration set, as EventBridge delivers it
 * ({@code detail.eventType} {@code Bounce} or {@code Complaint}). Only permanent bounces and
 * complaints make addresses suppressed; a transient bounce (mailbox full) does not.
 */
public record DeliveryEvent(String kind, List<String> recipients) {

  /** The addresses to suppress with the reason, or empty when the event suppresses nobody. */
  public static Optional<DeliveryEvent> parse(String body) {
    JsonNode root = Json.read(body, JsonNode.class);
    JsonNode detail = root.has("detail") ? root.get("detail") : root;
    String type = detail.path("eventType").asText(detail.path("notificationType").asText(""));
    List<String> recipients = new ArrayList<>();
    switch (type) {
      case "Bounce" -> {
        if (!"Permanent".equals(detail.path("bounce").path("bounceType").asText())) {
          return Optional.empty();
        }
        detail.path("bounce").path("bouncedRecipients").forEach(r -> add(recipients, r));
        return recipients.isEmpty() ? Optional.empty() : Optional.of(new DeliveryEvent("bounce", recipients));
      }
      case "Complaint" -> {
        detail.path("complaint").path("complainedRecipients").forEach(r -> add(recipients, r));
        return recipients.isEmpty() ? Optional.empty() : Optional.of(new DeliveryEvent("complaint", recipients));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static void add(List<String> out, JsonNode recipient) {
    String address = recipient.path("emailAddress").asText("");
    if (!address.isBlank()) {
      out.add(address.trim());
    }
  }
}
