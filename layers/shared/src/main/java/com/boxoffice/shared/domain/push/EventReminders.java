package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.port.out.EventReminderStore;
import com.boxoffice.shared.port.out.EventReminderStore.Claim;
import com.boxoffice.shared.port.out.EventReminderStore.Progress;
import com.boxoffice.shared.port.out.EventReminderStore.UpcomingEvent;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.port.out.PushOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reminder before an event: run by a schedule, it finds the events starting within the lead
 * time and queues one {@link PushNotification#eventReminder} for each signed-in buyer of a paid
 * order. Once per buyer and event however often, or however concurrently, it runs: each buyer's
 * reminder is claimed with a conditional mark before it is queued, and confirmed after; a claim
 * left unconfirmed for longer than the claim lease (a run that died between the two) is taken
 * over and queued again under the same notification id, which each device gets once. An event
 * whose buyers were all reminded is marked done and not read again. Drafts and cancelled events
 * remind nobody; a reminder over the limits is dropped by the delivery (a late reminder is worse
 * than none). A run checks the time left before each event, page and buyer, and records after each
 * page how far the event got, so the next run goes on there rather than from its first order. The
 * marks and the notification id carry the event's start: an event moved to another time is
 * reminded again for its new start, and never twice for the same one.
 */
public final class EventReminders {
  private static final Logger LOG = LoggerFactory.getLogger(EventReminders.class);
  /** Orders read per page. */
  static final int PAGE = 100;
  /** How long the marks of an event are kept after it starts. */
  static final Duration KEEP_MARKS = Duration.ofDays(30);

  /**
   * @param events events in the window that were read (not yet done, not a draft or cancelled)
   * @param queued reminders queued by this run
   * @param skipped buyers already reminded, or being reminded by another run
   */
  public record Report(int events, int queued, int skipped) {}

  private final EventReminderStore store;
  private final OrganizerOrders orders;
  private final PushOutbox pushes;
  private final Duration lead;
  private final Duration claimLease;
  private final Clock clock;

  public EventReminders(EventReminderStore store, OrganizerOrders orders, PushOutbox pushes, Duration lead,
      Duration claimLease, Clock clock) {
    this.store = store;
    this.orders = orders;
    this.pushes = pushes;
    this.lead = lead;
    this.claimLease = claimLease;
    this.clock = clock;
  }

  /** One run, however long it takes. */
  public Report run() {
    return run(() -> Long.MAX_VALUE, Duration.ZERO);
  }

  /**
   * One run that stops between two events, pages or buyers once {@code remainingMillis} (the
   * invocation's time left) is under {@code stopBefore}; the next run goes on from the marks and the
   * event's cursor (the event is not done yet).
   */
  public Report run(LongSupplier remainingMillis, Duration stopBefore) {
    Instant now = clock.instant();
    int events = 0;
    int queued = 0;
    int skipped = 0;
    for (UpcomingEvent event : store.startingBetween(now, now.plus(lead))) {
      if (!event.startsAt().isAfter(now) || event.startsAt().isAfter(now.plus(lead))
          || event.status() == EventStatus.DRAFT || event.status() == EventStatus.CANCELLED) {
        continue;
      }
      if (remainingMillis.getAsLong() < stopBefore.toMillis()) {
        LOG.warn("event reminders stopping before the timeout; the next run goes on eventId={}", event.eventId());
        return new Report(events, queued, skipped);
      }
      Progress progress = store.progress(event.eventId(), event.startsAt());
      if (progress.done()) {
        continue;
      }
      events++;
      Instant keepUntil = event.startsAt().plus(KEEP_MARKS);
      Set<String> seen = new HashSet<>();
      boolean held = false;
      Optional<String> cursor = progress.cursor();
      boolean stopped = false;
      do {
        if (remainingMillis.getAsLong() < stopBefore.toMillis()) {
          stopped = true;
          break;
        }
        var page = orders.ordersOfEvent(event.eventId(), Optional.empty(), cursor, PAGE);
        for (String buyer : EventChangePushes.holders(page.orders())) {
          if (!seen.add(buyer)) {
            continue;
          }
          if (remainingMillis.getAsLong() < stopBefore.toMillis()) {
            stopped = true;
            break;
          }
          Instant at = clock.instant();
          Claim claim = store.claim(event.eventId(), event.startsAt(), buyer, at, at.minus(claimLease));
          if (claim == Claim.CLAIMED) {
            pushes.enqueue(PushNotification.eventReminder(event.eventId(), event.startsAt(), buyer, event.name()));
            store.queued(event.eventId(), event.startsAt(), buyer, clock.instant());
            queued++;
          } else {
            skipped++;
            held |= claim == Claim.HELD;
          }
        }
        if (stopped) {
          break;
        }
        cursor = page.next();
        // Past a page only while no claim is held by another run: if that run dies, a later one
        // must come back to the page to take the claim over.
        if (cursor.isPresent() && !held) {
          store.advance(event.eventId(), event.startsAt(), cursor.get(), keepUntil);
        }
      } while (cursor.isPresent());
      if (stopped) {
        LOG.warn("event reminders stopping before the timeout; the next run goes on eventId={}", event.eventId());
        return new Report(events, queued, skipped);
      }
      if (!held) {
        // Not while another run still holds a claim: if that run dies, a later one takes it over.
        store.markDone(event.eventId(), event.startsAt(), clock.instant(), keepUntil);
      }
      LOG.info("event reminders queued eventId={} buyers={}", event.eventId(), seen.size());
    }
    return new Report(events, queued, skipped);
  }
}
