package com.boxoffice.shared.domain.push;

import com.boxoffice.shared.port.out.DeviceStore;
import com.boxoffice.shared.port.out.PushCollapse;
import com.boxoffice.shared.port.out.PushGateway;
import com.boxoffice.shared.port.out.PushGateway.FailureKind;
import com.boxoffice.shared.port.out.PushGateway.PushGatewayException;
import com.boxoffice.shared.port.out.PushLedger;
import com.boxoffice.shared.port.out.PushLedger.Delivery;
import com.boxoffice.shared.port.out.PushLedger.Verdict;
import com.boxoffice.shared.port.out.PushPreferenceStore;
import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one notification to each of its user's devices at most once. First it is admitted,
 * once for good: a category the user turned off drops it, a collapse key already held in the
 * window collapses it, and a full hourly limit (per user, per campaign) defers or drops it as its
 * category says. Then each deliverable device is claimed in the ledger, published to and recorded;
 * a device the provider calls disabled becomes inactive at once, one that keeps being refused
 * after {@code failureThreshold} failures in a row. The caller does with the queue message what
 * the {@link Outcome} says.
 */
public final class PushDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(PushDelivery.class);
  private static final Duration IN_PROGRESS_RECHECK = Duration.ofSeconds(3);

  /** How one attempt at a notification ended. */
  public sealed interface Outcome {}

  /** Every deliverable device got it now or before (or there was none). */
  public record Delivered(Devices devices) implements Outcome {}

  /** Decided before: collapsed or dropped by an earlier copy of the job. */
  public record AlreadyDecided(Verdict verdict) implements Outcome {}

  /** Collapsed into an earlier notification with the same key. */
  public record Collapsed() implements Outcome {}

  /** Not sent and never will be: {@code opted_out}, {@code user_limit}, {@code campaign_limit}. */
  public record Dropped(String reason) implements Outcome {}

  /** Not now: a limit is full for a category that waits, or another worker holds a device. */
  public record Deferred(Duration delay, String why, Devices devices) implements Outcome {}

  /** Some device failed for now: retry the whole notification; devices already sent are skipped. */
  public record Retry(FailureKind kind, String code, Devices devices) implements Outcome {}

  /** What happened per device in one attempt. */
  public record Devices(int sent, int alreadySent, int deactivated, Map<String, Integer> failedByReason) {
    public static Devices none() {
      return new Devices(0, 0, 0, Map.of());
    }
  }

  /** The fixed parts of every delivery. */
  public record Settings(RateLimiter.Limit perUser, RateLimiter.Limit perCampaign, Duration collapseWindow,
      int failureThreshold, Duration lease) {
    public Settings {
      if (failureThreshold < 1) {
        throw new IllegalArgumentException("failureThreshold must be at least 1");
      }
    }

    /** 10 per user and 100 per campaign an hour, 5 minute collapse window, inactive after 3 failures. */
    public static Settings standard() {
      return new Settings(new RateLimiter.Limit("push-user", 10, Duration.ofHours(1)),
          new RateLimiter.Limit("push-campaign", 100, Duration.ofHours(1)), Duration.ofMinutes(5), 3,
          Duration.ofSeconds(30));
    }
  }

  private final DeviceStore devices;
  private final PushPreferenceStore preferences;
  private final PushLedger ledger;
  private final PushCollapse collapse;
  private final RateLimiter limiter;
  private final PushGateway gateway;
  private final Settings settings;
  private final Clock clock;

  public PushDelivery(DeviceStore devices, PushPreferenceStore preferences, PushLedger ledger, PushCollapse collapse,
      RateLimiter limiter, PushGateway gateway, Settings settings, Clock clock) {
    this.devices = devices;
    this.preferences = preferences;
    this.ledger = ledger;
    this.collapse = collapse;
    this.limiter = limiter;
    this.gateway = gateway;
    this.settings = settings;
    this.clock = clock;
  }

  public Outcome deliver(PushNotification n) {
    Optional<Verdict> decided = ledger.verdict(n.notificationId());
    if (decided.isPresent() && decided.get() != Verdict.ADMITTED) {
      return new AlreadyDecided(decided.get());
    }
    if (decided.isEmpty()) {
      Optional<Outcome> refused = admit(n);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    return send(n);
  }

  /** Decides whether the notification goes out at all; empty when it is admitted. */
  private Optional<Outcome> admit(PushNotification n) {
    Instant now = clock.instant();
    if (!preferences.find(n.userId()).allows(n.category())) {
      ledger.decide(n.notificationId(), Verdict.DROPPED, "opted_out", now);
      return Optional.of(new Dropped("opted_out"));
    }
    if (n.collapseKey() != null && n.category().collapse() == PushCategory.Collapse.FIRST_WINS
        && !collapse.hold(n.userId(), n.collapseKey(), n.notificationId(), settings.collapseWindow())) {
      ledger.decide(n.notificationId(), Verdict.COLLAPSED, "collapsed", now);
      return Optional.of(new Collapsed());
    }
    RateLimiter.Decision user = limiter.tryAcquire(settings.perUser(), n.userId());
    if (!user.allowed()) {
      return Optional.of(overLimit(n, "user_limit", user.retryAfter(), now));
    }
    RateLimiter.Decision campaign = null;
    if (n.campaignId() != null) {
      campaign = limiter.tryAcquire(settings.perCampaign(), n.campaignId());
      if (!campaign.allowed()) {
        limiter.release(settings.perUser(), n.userId(), user);
        return Optional.of(overLimit(n, "campaign_limit", campaign.retryAfter(), now));
      }
    }
    Verdict stands = ledger.decide(n.notificationId(), Verdict.ADMITTED, "admitted", now);
    if (stands != Verdict.ADMITTED) {
      // Another copy of the job decided first, and not to send: the slots taken here go back.
      limiter.release(settings.perUser(), n.userId(), user);
      if (campaign != null) {
        limiter.release(settings.perCampaign(), n.campaignId(), campaign);
      }
      return Optional.of(new AlreadyDecided(stands));
    }
    return Optional.empty();
  }

  private Outcome overLimit(PushNotification n, String reason, Duration retryAfter, Instant now) {
    if (n.category().overLimit() == PushCategory.OverLimit.DROP) {
      Verdict stands = ledger.decide(n.notificationId(), Verdict.DROPPED, reason, now);
      return stands == Verdict.DROPPED ? new Dropped(reason) : new AlreadyDecided(stands);
    }
    return new Deferred(retryAfter, reason, Devices.none());
  }

  private Outcome send(PushNotification n) {
    List<Device> targets = devices.deliverable(n.userId());
    int sent = 0;
    int alreadySent = 0;
    int deactivated = 0;
    Map<String, Integer> failed = new TreeMap<>();
    FailureKind retryKind = null;
    String retryCode = null;
    boolean inProgress = false;
    for (Device device : targets) {
      String owner = UUID.randomUUID().toString();
      Instant claimedAt = clock.instant();
      Optional<Delivery> inTheWay = ledger.claim(n.notificationId(), device.deviceId(), owner, claimedAt,
          claimedAt.plus(settings.lease()));
      if (inTheWay.isPresent()) {
        switch (inTheWay.get().status()) {
          case SENT -> alreadySent++;
          case FAILED -> { }
          case SENDING -> inProgress = true;
        }
        continue;
      }
      String messageId;
      try {
        messageId = gateway.publish(device.endpointArn(), device.platform(), n);
      } catch (PushGatewayException e) {
        failed.merge(e.code(), 1, Integer::sum);
        Instant at = clock.instant();
        switch (e.kind()) {
          case ENDPOINT_DISABLED -> {
            ledger.markFailed(n.notificationId(), device.deviceId(), owner, e.code(), false, at);
            devices.deactivate(device.deviceId(), at);
            deactivated++;
            LOG.info("push endpoint disabled; device deactivated deviceId={} code={}", device.deviceId(), e.code());
          }
          case REJECTED -> {
            DeviceStatus now = devices.recordFailure(device.deviceId(), settings.failureThreshold(), at);
            boolean gone = now == DeviceStatus.INACTIVE;
            ledger.markFailed(n.notificationId(), device.deviceId(), owner, e.code(), !gone, at);
            if (gone) {
              deactivated++;
              LOG.info("device refused too often; deactivated deviceId={} code={}", device.deviceId(), e.code());
            } else {
              retryKind = e.kind();
              retryCode = e.code();
            }
          }
          case THROTTLED, UNAVAILABLE -> {
            ledger.markFailed(n.notificationId(), device.deviceId(), owner, e.code(), true, at);
            retryKind = retryKind == null || e.kind() == FailureKind.THROTTLED ? e.kind() : retryKind;
            retryCode = retryCode == null ? e.code() : retryCode;
          }
        }
        continue;
      }
      recordSent(n.notificationId(), device, owner, messageId);
      sent++;
    }
    Devices report = new Devices(sent, alreadySent, deactivated, Map.copyOf(failed));
    if (retryKind != null) {
      return new Retry(retryKind, retryCode, report);
    }
    if (inProgress) {
      return new Deferred(IN_PROGRESS_RECHECK, "in_progress", report);
    }
    return new Delivered(report);
  }

  // The push is out: a failed record must not make the job fail, or a redelivery could send it
  // again once the lease runs out. A failed record is retried, then only logged.
  private void recordSent(String notificationId, Device device, String owner, String messageId) {
    for (int attempt = 1; ; attempt++) {
      try {
        Instant at = clock.instant();
        ledger.markSent(notificationId, device.deviceId(), owner, messageId, at);
        if (device.status() != DeviceStatus.ACTIVE || device.failures() > 0) {
          devices.recordSuccess(device.deviceId(), at);
        }
        return;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          LOG.error("push sent but its record could not be written notificationId={} deviceId={}", notificationId,
              device.deviceId(), e);
          return;
        }
      }
    }
  }
}
