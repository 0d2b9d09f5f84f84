package com.boxoffice.shared.domain.push;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One notification for one user, as it travels on the push queue. {@code notificationId} is
 * deterministic (for example {@code tickets-issued:<orderId>}) so the same notification queued
 * twice reaches each device once.
 *
 * @param campaignId what it belongs to for the per-campaign limit (an event's reminder run, an
 *     organizer's announcement); null for one-off notifications such as an order's tickets
 * @param collapseKey notifications for the same user with the same key inside the collapse window
 *     become one; null for none
 */
public record PushNotification(String notificationId, String userId, PushCategory category, String campaignId,
    String collapseKey, String title, String body, Map<String, String> data) {
  public PushNotification {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  /** The tickets of a paid order are ready. */
  public static PushNotification ticketsIssued(String orderId, String userId, String eventName) {
    return new PushNotification("tickets-issued:" + orderId, userId, PushCategory.ORDER_UPDATES, null,
        "order:" + orderId, "Your tickets are ready", "Your tickets for " + eventName + " are in the app.",
        Map.of("orderId", orderId));
  }

  /**
   * Doors open soon; one per buyer and start of the event however often the schedule fires (the
   * start, in epoch seconds, is part of the id: an event moved to another time is reminded again).
   */
  public static PushNotification eventReminder(String eventId, Instant startsAt, String userId, String eventName) {
    return new PushNotification("event-reminder:" + eventId + ":" + startsAt.getEpochSecond() + ":" + userId, userId,
        PushCategory.EVENT_REMINDERS,
        "reminder:" + eventId, "reminder:" + eventId, eventName + " starts soon", "Doors open soon. Your tickets are in the app.",
        Map.of("eventId", eventId));
  }

  /**
   * The event is cancelled and the buyer's order refunded. Its own collapse key, so a cancellation
   * never collapses into an earlier change of the same event.
   */
  public static PushNotification eventCancelled(String eventId, String userId, String eventName) {
    return new PushNotification("event-changed:" + eventId + ":cancelled:" + userId, userId,
        PushCategory.EVENT_CHANGES, "event-changed:" + eventId + ":cancelled", "event-cancelled:" + eventId,
        (eventName == null || eventName.isBlank() ? "Your event" : eventName) + " is cancelled",
        "Your order is refunded; the details are in your email.",
        Map.of("eventId", eventId, "change", "cancelled"));
  }

  /** An event's date, place or status changed; {@code changeId} names the change. */
  public static PushNotification eventChanged(String eventId, String changeId, String userId, String title,
      String body) {
    return new PushNotification("event-changed:" + eventId + ":" + changeId + ":" + userId, userId,
        PushCategory.EVENT_CHANGES, "event-changed:" + eventId + ":" + changeId, "event:" + eventId, title, body,
        Map.of("eventId", eventId));
  }
}
