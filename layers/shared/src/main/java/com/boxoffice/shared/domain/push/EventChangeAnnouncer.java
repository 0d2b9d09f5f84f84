package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.port.out.AnnouncementProgress;
import com.boxoffice.shared.port.out.AnnouncementProgress.Busy;
import com.boxoffice.shared.port.out.AnnouncementProgress.Done;
import com.boxoffice.shared.port.out.AnnouncementProgress.Taken;
import com.boxoffice.shared.port.out.OrganizerOrders;
import com.boxoffice.shared.port.out.PushOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks an event's orders for one {@link EventAnnouncement}, a page at a time, and queues one
 * {@link PushNotification#eventChanged} per signed-in buyer of a paid order. The walk is resumable:
 * after each page its cursor is recorded ({@link AnnouncementProgress}), and a run stops once its
 * time budget is spent (or the invocation's time left is short), so a large event is announced over
 * several runs, each going on from the recorded cursor. At least one page is walked per run. One run
 * walks at a time (a lease on the progress record): a duplicated job finds the walk taken or done
 * and queues nothing. Notification ids are deterministic, so a page queued again after a failure
 * (or a buyer whose orders sit on two pages) reaches each device once.
 */
public final class EventChangeAnnouncer {
  private static final Logger LOG = LoggerFactory.getLogger(EventChangeAnnouncer.class);
  /** Orders read per page. */
  public static final int PAGE = 100;
  /** How long the progress record is kept. */
  static final Duration KEEP_PROGRESS = Duration.ofDays(30);
  /** Added to the budget for the lease: the page being walked when the budget ends still finishes. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  /** What a run did with the job. */
  public enum Status {
    /** Every buyer is queued (by this run or an earlier one): the job is finished. */
    DONE,
    /** Stopped for the budget: queue the job again, the next run goes on from the cursor. */
    MORE,
    /** Another run walks it now: look again once its lease ends. */
    BUSY
  }

  /** @param retryAfter for {@link Status#BUSY}, how long the other run's lease still runs */
  public record Result(Status status, int queued, Duration retryAfter) {}

  private final OrganizerOrders orders;
  private final PushOutbox pushes;
  private final AnnouncementProgress progress;
  private final Duration budget;
  private final int pageSize;
  private final Clock clock;

  public EventChangeAnnouncer(OrganizerOrders orders, PushOutbox pushes, AnnouncementProgress progress,
      Duration budget, Clock clock) {
    this(orders, pushes, progress, budget, PAGE, clock);
  }

  public EventChangeAnnouncer(OrganizerOrders orders, PushOutbox pushes, AnnouncementProgress progress,
      Duration budget, int pageSize, Clock clock) {
    this.orders = orders;
    this.pushes = pushes;
    this.progress = progress;
    this.budget = budget;
    this.pageSize = pageSize;
    this.clock = clock;
  }

  /**
   * One run of the job {@code runId} (the queue message's id): walks from the recorded cursor until
   * the event's orders end, the budget is spent, or {@code remainingMillis} falls under
   * {@code stopBefore}.
   */
  public Result announce(EventAnnouncement job, String runId, LongSupplier remainingMillis, Duration stopBefore) {
    Instant started = clock.instant();
    Instant leaseUntil = started.plus(budget).plus(LEASE_MARGIN);
    var take = progress.take(job.eventId(), job.changeId(), runId, started, leaseUntil, started.plus(KEEP_PROGRESS));
    Optional<String> cursor;
    switch (take) {
      case Done d -> {
        LOG.info("event announcement already done jobId={}", job.jobId());
        return new Result(Status.DONE, 0, Duration.ZERO);
      }
      case Busy b -> {
        Duration wait = Duration.between(started, b.leaseUntil());
        LOG.info("event announcement walked by another run jobId={} leaseSeconds={}", job.jobId(), wait.toSeconds());
        return new Result(Status.BUSY, 0, wait.isNegative() ? Duration.ZERO : wait);
      }
      case Taken t -> cursor = t.cursor();
    }
    try {
      return walk(job, runId, cursor, started, remainingMillis, stopBefore);
    } catch (RuntimeException e) {
      // Let the retry take the walk at once, from the last page recorded.
      progress.release(job.eventId(), job.changeId(), runId);
      throw e;
    }
  }

  private Result walk(EventAnnouncement job, String runId, Optional<String> from, Instant started,
      LongSupplier remainingMillis, Duration stopBefore) {
    Optional<String> cursor = from;
    int queued = 0;
    Set<String> told = new HashSet<>();
    while (true) {
      var page = orders.ordersOfEvent(job.eventId(), Optional.empty(), cursor, pageSize);
      List<PushNotification> batch = new ArrayList<>();
      for (String buyer : EventChangePushes.holders(page.orders())) {
        if (told.add(buyer)) {
          batch.add(job.to(buyer));
        }
      }
      pushes.enqueueAll(batch);
      queued += batch.size();
      cursor = page.next();
      if (!progress.advance(job.eventId(), job.changeId(), runId, cursor, batch.size(),
          clock.instant().plus(budget).plus(LEASE_MARGIN))) {
        LOG.warn("event announcement taken over by another run jobId={} queued={}", job.jobId(), queued);
        return new Result(Status.BUSY, queued, LEASE_MARGIN);
      }
      if (cursor.isEmpty()) {
        LOG.info("event announcement done jobId={} queued={}", job.jobId(), queued);
        return new Result(Status.DONE, queued, Duration.ZERO);
      }
      boolean spent = !clock.instant().isBefore(started.plus(budget));
      if (spent || remainingMillis.getAsLong() < stopBefore.toMillis()) {
        progress.release(job.eventId(), job.changeId(), runId);
        LOG.info("event announcement stopping for its time budget; the next run goes on jobId={} queued={}",
            job.jobId(), queued);
        return new Result(Status.MORE, queued, Duration.ZERO);
      }
    }
  }
}
