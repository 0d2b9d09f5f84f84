package com.boxoffice.shared.domain.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DeviceRegistryTest {
  private final PushFixture f = new PushFixture();

  @Test
  void theSameTokenIsTheSameDeviceAndOneEndpoint() {
    String token = f.apnsToken();
    var first = f.registry.register("u1", "apns", token);
    var again = f.registry.register("u1", "apns", token.toUpperCase());

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.device().deviceId()).isEqualTo(first.device().deviceId());
    assertThat(again.device().endpointArn()).isEqualTo(first.device().endpointArn());
    assertThat(f.devices.deliverable("u1")).hasSize(1);
  }

  @Test
  void aTokenRegisteredByAnotherAccountLeavesTheFirst() {
    String token = f.apnsToken();
    f.registry.register("u1", "apns", token);
    f.registry.register("u2", "apns", token);

    assertThat(f.devices.deliverable("u1")).isEmpty();
    assertThat(f.devices.deliverable("u2")).hasSize(1);
  }

  @Test
  void badTokensAreRefusedWithTheFieldNamedAndNeverStored() {
    assertThatThrownBy(() -> f.registry.register("u1", "apns", "abc123"))
        .isInstanceOfSatisfying(InvalidDeviceException.class, e -> assertThat(e.fields()).containsOnlyKeys("token"));
    assertThatThrownBy(() -> f.registry.register("u1", "fcm", "not-an-fcm-token"))
        .isInstanceOfSatisfying(InvalidDeviceException.class, e -> assertThat(e.fields()).containsOnlyKeys("token"));
    assertThatThrownBy(() -> f.registry.register("u1", "webpush", f.apnsToken()))
        .isInstanceOfSatisfying(InvalidDeviceException.class, e -> assertThat(e.fields()).containsOnlyKeys("platform"));
    assertThat(f.devices.deliverable("u1")).isEmpty();
  }

  @Test
  void anFcmRegistrationTokenOfTheDocumentedShapeIsAccepted() {
    String token = "dGVzdC1pbnN0YW5jZQ:APA91b" + "x".repeat(134);
    assertThat(f.registry.register("u1", "fcm", token).device().platform()).isEqualTo(Platform.FCM);
  }

  @Test
  void onlyTheOwnerRemovesADeviceAndItsEndpointGoesWithIt() {
    Device d = f.register("u1");
    assertThat(f.registry.remove("u2", d.deviceId())).isFalse();
    assertThat(f.registry.remove("u1", d.deviceId())).isTrue();
    assertThat(f.gateway.exists(d.endpointArn())).isFalse();
    assertThat(f.devices.find(d.deviceId())).isEmpty();
  }

  @Test
  void cleanupRemovesOnlyDevicesInactiveLongerThanTheRetention() {
    Device old = f.register("u1");
    Device recent = f.register("u1");
    Device failing = f.register("u1");
    f.devices.deactivate(old.deviceId(), f.clock.instant());
    f.clock.advance(Duration.ofDays(20));
    f.devices.deactivate(recent.deviceId(), f.clock.instant());
    f.devices.recordFailure(failing.deviceId(), 3, f.clock.instant());
    f.clock.advance(Duration.ofDays(11));

    var report = new DeviceCleanup(f.devices, f.gateway, Duration.ofDays(30), f.clock).run(100);

    assertThat(report.removed()).isEqualTo(1);
    assertThat(f.devices.find(old.deviceId())).isEmpty();
    assertThat(f.gateway.exists(old.endpointArn())).isFalse();
    assertThat(f.devices.find(recent.deviceId())).isPresent();
    assertThat(f.devices.find(failing.deviceId())).isPresent();
  }
}
