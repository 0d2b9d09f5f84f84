package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.port.out.PushOutbox;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every signed-in holder of a paid order when an event's time or venue changes (what a
 * ticket holder acts on; a new name or sales window is not worth a push). One
 * {@link PushNotification#eventChanged} per buyer, whatever the number of their orders; the
 * change id is the event's version after the change ({@code v<version>}), so the same change
 * queued again (a buyer's second order, a repeated call) is the same notification and reaches each
 * device once, and a later change is a new one. A draft and a cancelled event tell nobody.
 * Preferences, limits and collapsing are the delivery's ({@link PushDelivery}).
 */
public final class EventChangePushes {
  private static final Logger LOG = LoggerFactory.getLogger(EventChangePushes.class);
  /** Orders read per page. */
  public static final int PAGE = 100;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final OrganizerOrders orders;
  private final PushOutbox pushes;

  public EventChangePushes(OrganizerOrders orders, PushOutbox pushes) {
    this.orders = orders;
    this.pushes = pushes;
  }

  /** Queues the pushes of the change from {@code before} to {@code after}, if it is one buyers hear about. */
  public void changed(OrganizerEvent before, OrganizerEvent after) {
    Optional<String> body = announcement(before, after);
    // A draft has sold nothing; a cancelled event's buyers are told by the cancellation instead.
    if (body.isEmpty() || after.status() == EventStatus.DRAFT || after.status() == EventStatus.CANCELLED) {
      return;
    }
    String changeId = changeId(after);
    int queued = 0;
    Set<String> told = new HashSet<>();
    Optional<String> cursor = Optional.empty();
    do {
      var page = orders.ordersOfEvent(after.eventId(), Optional.empty(), cursor, PAGE);
      for (String buyer : holders(page.orders())) {
        if (told.add(buyer)) {
          pushes.enqueue(PushNotification.eventChanged(after.eventId(), changeId, buyer, after.name() + " has changed",
              body.get()));
          queued++;
        }
      }
      cursor = page.next();
    } while (cursor.isPresent());
    LOG.info("event change pushes queued eventId={} changeId={} buyers={}", after.eventId(), changeId, queued);
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
