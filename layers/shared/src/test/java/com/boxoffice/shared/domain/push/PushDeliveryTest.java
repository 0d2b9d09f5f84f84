package com.boxoffice.shared.domain.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.push.PushDelivery.AlreadyDecided;
import com.boxoffice.shared.domain.push.PushDelivery.Collapsed;
import com.boxoffice.shared.domain.push.PushDelivery.Deferred;
import com.boxoffice.shared.domain.push.PushDelivery.Delivered;
import com.boxoffice.shared.domain.push.PushDelivery.Dropped;
import com.boxoffice.shared.domain.push.PushDelivery.Retry;
import com.boxoffice.shared.port.out.PushGateway.FailureKind;
import com.boxoffice.shared.port.out.PushGateway.PushGatewayException;
import com.boxoffice.shared.port.out.PushLedger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PushDeliveryTest {
  private final PushFixture f = new PushFixture();

  @Test
  void theTenthNotificationInAnHourIsSentAndTheEleventhWaitsForTheNextWindow() {
    f.register("u1");
    for (int i = 1; i <= 10; i++) {
      assertThat(f.delivery.deliver(PushFixture.order("n" + i, "u1"))).isInstanceOf(Delivered.class);
    }
    var eleventh = f.delivery.deliver(PushFixture.order("n11", "u1"));

    assertThat(eleventh).isInstanceOfSatisfying(Deferred.class, d -> {
      assertThat(d.why()).isEqualTo("user_limit");
      assertThat(d.delay()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
    });
    assertThat(f.gateway.published()).hasSize(10);
    f.clock.advance(Duration.ofHours(1));
    assertThat(f.delivery.deliver(PushFixture.order("n11", "u1"))).isInstanceOf(Delivered.class);
    assertThat(f.gateway.published()).hasSize(11);
  }

  @Test
  void aReminderOverTheLimitIsDroppedWithItsReasonAndStaysDropped() {
    f.register("u1");
    for (int i = 1; i <= 10; i++) {
      f.delivery.deliver(PushFixture.order("n" + i, "u1"));
    }
    assertThat(f.delivery.deliver(PushFixture.reminder("r1", "u1", null))).isEqualTo(new Dropped("user_limit"));
    f.clock.advance(Duration.ofHours(1));
    assertThat(f.delivery.deliver(PushFixture.reminder("r1", "u1", null)))
        .isEqualTo(new AlreadyDecided(PushLedger.Verdict.DROPPED));
    assertThat(f.ledger.reason("r1")).contains("user_limit");
  }

  @Test
  void theHundredAndFirstOfACampaignInAnHourIsOverTheCampaignLimit() {
    for (int i = 0; i < 101; i++) {
      f.register("u" + i);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(f.delivery.deliver(PushFixture.reminder("r" + i, "u" + i, "evt-1"))).isInstanceOf(Delivered.class);
    }
    assertThat(f.delivery.deliver(PushFixture.reminder("r100", "u100", "evt-1"))).isEqualTo(new Dropped("campaign_limit"));
    // The user's own slot was given back: their next notification still goes out.
    assertThat(f.delivery.deliver(PushFixture.order("o100", "u100"))).isInstanceOf(Delivered.class);
  }

  @Test
  void aSecondNotificationWithTheSameCollapseKeyInsideTheWindowIsCollapsed() {
    f.register("u1");
    var first = new PushNotification("a", "u1", PushCategory.ORDER_UPDATES, null, "order:o1", "t", "b", Map.of());
    var second = new PushNotification("b", "u1", PushCategory.ORDER_UPDATES, null, "order:o1", "t", "b", Map.of());
    assertThat(f.delivery.deliver(first)).isInstanceOf(Delivered.class);
    assertThat(f.delivery.deliver(second)).isInstanceOf(Collapsed.class);
    f.clock.advance(Duration.ofMinutes(5));
    var later = new PushNotification("c", "u1", PushCategory.ORDER_UPDATES, null, "order:o1", "t", "b", Map.of());
    assertThat(f.delivery.deliver(later)).isInstanceOf(Delivered.class);
    assertThat(f.gateway.published()).extracting(p -> p.notificationId()).containsExactly("a", "c");
  }

  @Test
  void aCorrectionOfAnEventChangeInsideTheWindowStillReachesTheBuyerUnderTheSameDeviceCollapseKey() {
    f.register("u1");
    var wrong = PushNotification.eventChanged("e1", "v2", "u1", "Moved", "Now at 20:00");
    var corrected = PushNotification.eventChanged("e1", "v3", "u1", "Moved", "Now at 21:00");
    assertThat(f.delivery.deliver(wrong)).isInstanceOf(Delivered.class);
    f.clock.advance(Duration.ofMinutes(2));
    assertThat(f.delivery.deliver(corrected)).isInstanceOf(Delivered.class);
    assertThat(f.gateway.published()).extracting(p -> p.notificationId())
        .containsExactly(wrong.notificationId(), corrected.notificationId());
    assertThat(f.gateway.published()).extracting(p -> p.collapseKey()).containsOnly("event:e1");
  }

  @Test
  void aCategoryTheBuyerTurnedOffIsDroppedAsOptedOut() {
    f.register("u1");
    f.preferences.save("u1", PushPreferences.defaults().with(Map.of(PushCategory.EVENT_REMINDERS, false)));
    assertThat(f.delivery.deliver(PushFixture.reminder("r1", "u1", null))).isEqualTo(new Dropped("opted_out"));
    assertThat(f.delivery.deliver(PushFixture.order("o1", "u1"))).isInstanceOf(Delivered.class);
  }

  @Test
  void aDuplicatedJobReachesEachDeviceOnceAndARetrySkipsTheDevicesAlreadyServed() {
    Device a = f.register("u1");
    Device b = f.register("u1");
    f.gateway.failNext(b.endpointArn(), new PushGatewayException(FailureKind.UNAVAILABLE, "provider_unavailable", "5xx"));

    var first = f.delivery.deliver(PushFixture.order("n1", "u1"));
    var again = f.delivery.deliver(PushFixture.order("n1", "u1"));
    var duplicate = f.delivery.deliver(PushFixture.order("n1", "u1"));

    assertThat(first).isInstanceOf(Retry.class);
    assertThat(again).isInstanceOfSatisfying(Delivered.class, d -> {
      assertThat(d.devices().sent()).isEqualTo(1);
      assertThat(d.devices().alreadySent()).isEqualTo(1);
    });
    assertThat(duplicate).isInstanceOfSatisfying(Delivered.class, d -> assertThat(d.devices().sent()).isZero());
    assertThat(f.gateway.published()).extracting(p -> p.endpointArn())
        .containsExactlyInAnyOrder(a.endpointArn(), b.endpointArn());
    assertThat(f.devices.find(b.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
  }

  @Test
  void aDeviceRefusedThreeTimesInARowBecomesInactiveAndRegistrationBringsItBack() {
    Device d = f.register("u1");
    var refused = new PushGatewayException(FailureKind.REJECTED, "InvalidParameter", "bad token");
    f.gateway.failNext(d.endpointArn(), refused, refused, refused);

    assertThat(f.delivery.deliver(PushFixture.order("n1", "u1"))).isInstanceOf(Retry.class);
    assertThat(f.devices.find(d.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.FAILING);
    assertThat(f.delivery.deliver(PushFixture.order("n1", "u1"))).isInstanceOf(Retry.class);
    var third = f.delivery.deliver(PushFixture.order("n1", "u1"));

    assertThat(third).isInstanceOfSatisfying(Delivered.class, r -> assertThat(r.devices().deactivated()).isEqualTo(1));
    assertThat(f.devices.find(d.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.INACTIVE);
    assertThat(f.ledger.delivery("n1", d.deviceId()).orElseThrow().attempts()).isEqualTo(3);
    assertThat(f.delivery.deliver(PushFixture.order("n2", "u1"))).isInstanceOfSatisfying(Delivered.class,
        r -> assertThat(r.devices().sent()).isZero());

    f.registry.register("u1", "apns", d.token());
    assertThat(f.devices.find(d.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
    assertThat(f.delivery.deliver(PushFixture.order("n3", "u1"))).isInstanceOfSatisfying(Delivered.class,
        r -> assertThat(r.devices().sent()).isEqualTo(1));
  }

  @Test
  void aDisabledEndpointMakesTheDeviceInactiveAtOnceAndThrottlingCountsNothingAgainstIt() {
    Device gone = f.register("u1");
    Device busy = f.register("u1");
    f.gateway.disable(gone.endpointArn());
    f.gateway.failNext(busy.endpointArn(), new PushGatewayException(FailureKind.THROTTLED, "throttled", "slow down"));

    var outcome = f.delivery.deliver(PushFixture.order("n1", "u1"));

    assertThat(outcome).isInstanceOfSatisfying(Retry.class, r -> {
      assertThat(r.kind()).isEqualTo(FailureKind.THROTTLED);
      assertThat(r.devices().deactivated()).isEqualTo(1);
      assertThat(r.devices().failedByReason()).containsEntry("EndpointDisabled", 1).containsEntry("throttled", 1);
    });
    assertThat(f.devices.find(gone.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.INACTIVE);
    assertThat(f.devices.find(busy.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
    assertThat(f.delivery.deliver(PushFixture.order("n1", "u1"))).isInstanceOf(Delivered.class);
  }
}
