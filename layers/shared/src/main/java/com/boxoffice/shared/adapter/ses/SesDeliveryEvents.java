package com.boxoffice.shared.adapter.ses;

import com.boxoffice.shared.domain.email.DeliveryEvent;
import com.boxoffice.shared.domain.email.DeliveryEvent.Kind;
import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the bounce and complaint events SES publishes through the configuration set, as
 * EventBridge delivers them ({@code detail.eventType} {@code Bounce} or {@code Complaint}; an SNS
 * style {@code notificationType} at the top level is read too), into the domain's {@link
 * DeliveryEvent}. Any other event type, or one naming no recipient, is empty. What to suppress is
 * the domain's decision, not this reader's.
 */
public final class SesDeliveryEvents {
  private SesDeliveryEvents() {}

  /**
   * The event in {@code body}, or empty when it is not a bounce or complaint with recipients.
   *
   * @throws RuntimeException when the body is not JSON
   */
  public static Optional<DeliveryEvent> parse(String body) {
    JsonNode root = Json.read(body, JsonNode.class);
    JsonNode detail = root.has("detail") ? root.get("detail") : root;
    String type = detail.path("eventType").asText(detail.path("notificationType").asText(""));
    return switch (type) {
      case "Bounce" -> event("Permanent".equals(detail.path("bounce").path("bounceType").asText())
          ? Kind.PERMANENT_BOUNCE : Kind.TRANSIENT_BOUNCE, detail.path("bounce").path("bouncedRecipients"));
      case "Complaint" -> event(Kind.COMPLAINT, detail.path("complaint").path("complainedRecipients"));
      default -> Optional.empty();
    };
  }

  private static Optional<DeliveryEvent> event(Kind kind, JsonNode recipients) {
    List<String> addresses = new ArrayList<>();
    recipients.forEach(r -> {
      String address = r.path("emailAddress").asText("");
      if (!address.isBlank()) {
        addresses.add(address.trim());
      }
    });
    return addresses.isEmpty() ? Optional.empty() : Optional.of(new DeliveryEvent(kind, addresses));
  }
}
