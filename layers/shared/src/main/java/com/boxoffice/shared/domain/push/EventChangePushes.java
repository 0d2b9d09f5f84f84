package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.port.out.EventAnnouncementQueue;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an event's change is one its ticket holders hear about (a new time or venue; a
 * new name or sales window is not worth a push) and, if so, queues one {@link EventAnnouncement}
 * job for it: bounded work, one message whatever the event's size. The walk over the orders that
 * queues one {@link PushNotification#eventChanged} per buyer is the push processor's
 * ({@link EventChangeAnnouncer}). The change id is the event's version after the change
 * ({@code v<version>}), so the same change queued again is the same job and the same
 * notifications, and a later change is a new one. A draft and a cancelled event tell nobody.
 * Preferences, limits and collapsing are the delivery's ({@link PushDelivery}).
 */
public final class EventChangePushes {
  private static final Logger LOG = LoggerFactory.getLogger(EventChangePushes.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final EventAnnouncementQueue announcements;

  public EventChangePushes(EventAnnouncementQueue announcements) {
    this.announcements = announcements;
  }

  /** Queues the announcement of the change from {@code before} to {@code after}, if it is one buyers hear about. */
  public void changed(OrganizerEvent before, OrganizerEvent after) {
    Optional<String> body = announcement(before, after);
    // A draft has sold nothing; a cancelled event's buyers are told by the cancellation instead.
    if (body.isEmpty() || after.status() == EventStatus.DRAFT || after.status() == EventStatus.CANCELLED) {
      return;
    }
    var job = new EventAnnouncement(after.eventId(), changeId(after), after.name() + " has changed", body.get());
    announcements.announce(job);
    LOG.info("event change announcement queued eventId={} jobId={}", after.eventId(), job.jobId());
  }

  public static String changeId(OrganizerEvent after) {
    return "v" + after.version();
  }

  /**
   * What the push says, if the change is one a ticket holder acts on: a new start or end time, or a
   * new venue. Empty for anything else.
   */
  public static Optional<String> announcement(OrganizerEvent before, OrganizerEvent after) {
    boolean time = !Objects.equals(before.startsAt(), after.startsAt())
        || !Objects.equals(before.endsAt(), after.endsAt());
    boolean venue = !Objects.equals(before.venue(), after.venue());
    if (!time && !venue) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (time) {
      parts.add("Now starts " + WHEN.format(after.startsAt().atZone(zone(after.timeZone()))) + ".");
    }
    if (venue) {
      boolean none = after.venue() == null || after.venue().isBlank();
      parts.add(none ? "The venue changed." : "Now at " + after.venue() + ".");
    }
    parts.add("The details are in the app.");
    return Optional.of(String.join(" ", parts));
  }

  /** The signed-in buyers of the page's paid orders (guests have no account and no device). */
  static List<String> holders(List<Order> page) {
    return page.stream()
        .filter(o -> o.status() == OrderStatus.PAID || o.status() == OrderStatus.PARTIALLY_REFUNDED)
        .map(Order::buyerId).filter(Objects::nonNull).distinct().toList();
  }

  private static ZoneId zone(String timeZone) {
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
