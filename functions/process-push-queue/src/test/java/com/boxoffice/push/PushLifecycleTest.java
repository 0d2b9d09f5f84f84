package com.boxoffice.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.DeviceStatus;
import com.boxoffice.shared.domain.push.PushCategory;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.port.out.PushLedger;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Devices through their life with the processor as Lambda builds it: a disabled endpoint (moto
 * answers EndpointDisabled) and a token the provider keeps refusing (WireMock in front of moto
 * answers InvalidParameter, which moto never does) become inactive, re-registration brings them
 * back, and the cleanup removes only what has been inactive long enough.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class PushLifecycleTest {
  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  @Test
  void aDisabledEndpointMakesTheDeviceInactiveAtOnceAndRegisteringAgainBringsItBack(LocalAws aws,
      LocalResources res, LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    Device device = f.register("buyer-1");
    f.sns.setEndpointAttributes(b -> b.endpointArn(device.endpointArn()).attributes(Map.of("Enabled", "false")));
    var handler = f.handler();

    f.outbox.enqueue(PushFixture.order("n1", "buyer-1", null));
    var run = PushFixture.drain(handler);

    assertThat(run).containsEntry("deactivated", 1).containsEntry("sent", 0);
    assertThat(f.devices.find(device.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.INACTIVE);
    assertThat(f.ledger.claim("n1", device.deviceId(), "probe", Instant.now(), Instant.now().plusSeconds(1)))
        .hasValueSatisfying(d -> {
          assertThat(d.status()).isEqualTo(PushLedger.Status.FAILED);
          assertThat(d.lastOutcome()).isEqualTo("EndpointDisabled");
        });
    assertThat(f.inQueue("PushQueue")).isZero();

    f.registry.register("buyer-1", "apns", device.token());
    f.outbox.enqueue(PushFixture.order("n2", "buyer-1", null));
    var after = PushFixture.drain(handler);

    assertThat(after).containsEntry("sent", 1);
    assertThat(f.devices.find(device.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
    assertThat(f.published()).extracting(p -> p[1]).containsExactly("n2");
  }

  @Test
  void aTokenRefusedThreeTimesInARowBecomesInactiveAndTheNotificationEnds(LocalAws aws, LocalResources res,
      LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    Device bad = f.register("buyer-1");
    Device good = f.register("buyer-1");
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    proxy.stubFor(post(anyUrl()).atPriority(1)
        .withRequestBody(containing(URLEncoder.encode(bad.endpointArn(), StandardCharsets.UTF_8)))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(
            "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code>"
                + "<Message>Invalid parameter: Token</Message></Error><RequestId>r</RequestId></ErrorResponse>")));
    var handler = f.handler(URI.create(proxy.baseUrl()), Map.of());

    f.outbox.enqueue(PushFixture.order("n1", "buyer-1", null));
    var run = PushFixture.drain(handler);

    Device after = f.devices.find(bad.deviceId()).orElseThrow();
    assertThat(after.status()).isEqualTo(DeviceStatus.INACTIVE);
    assertThat(after.failures()).isEqualTo(3);
    assertThat(f.devices.find(good.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
    assertThat(run).containsEntry("sent", 1).containsEntry("deactivated", 1).containsEntry("retried", 2);
    assertThat(run.get("failed")).isEqualTo(Map.of("InvalidParameter", 3));
    assertThat(f.published()).extracting(p -> p[0]).containsExactly(good.endpointArn());
    assertThat(f.inQueue("PushQueue")).isZero();

    f.registry.register("buyer-1", "apns", bad.token());
    assertThat(f.devices.find(bad.deviceId()).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
    assertThat(f.devices.find(bad.deviceId()).orElseThrow().failures()).isZero();
  }

  @Test
  void theCleanupRemovesOnlyDevicesInactiveLongerThanTheRetentionAndTheirEndpoints(LocalAws aws,
      LocalResources res, LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    Device old = f.register("buyer-1");
    Device recent = f.register("buyer-1");
    Device failing = f.register("buyer-1");
    Device active = f.register("buyer-1");
    Instant now = Instant.now();
    f.devices.deactivate(old.deviceId(), now.minus(31, ChronoUnit.DAYS));
    f.devices.deactivate(recent.deviceId(), now.minus(29, ChronoUnit.DAYS));
    f.devices.recordFailure(failing.deviceId(), 3, now.minus(90, ChronoUnit.DAYS));

    var run = f.handler().handleRequest(Map.of("task", "cleanup"), null);

    assertThat(run).containsEntry("removed", 1).containsEntry("failed", 0);
    assertThat(f.devices.find(old.deviceId())).isEmpty();
    assertThatThrownBy(() -> f.sns.getEndpointAttributes(b -> b.endpointArn(old.endpointArn())))
        .isInstanceOf(NotFoundException.class);
    for (Device kept : new Device[] {recent, failing, active}) {
      assertThat(f.devices.find(kept.deviceId())).as(kept.deviceId()).isPresent();
      assertThat(f.sns.getEndpointAttributes(b -> b.endpointArn(kept.endpointArn())).attributes()).isNotEmpty();
    }
  }

  @Test
  void theEleventhNotificationInAnHourWaitsOnTheQueueAndAStaleReminderIsDroppedAndCounted(LocalAws aws,
      LocalResources res, LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    f.register("buyer-1");
    for (int i = 1; i <= 11; i++) {
      f.outbox.enqueue(PushFixture.order("order-" + i, "buyer-1", null));
    }
    var handler = f.handler(moto.endpoint(), Map.of("PUSH_SEND_CONCURRENCY", "1"));
    var run = PushFixture.drain(handler);

    assertThat(run).containsEntry("sent", 10).containsEntry("deferred", 1);
    assertThat(f.published()).hasSize(10);
    assertThat(f.inQueue("PushQueue")).as("the 11th waits, delayed, on the queue").isEqualTo(1);

    f.outbox.enqueue(new PushNotification("reminder-1", "buyer-1", PushCategory.EVENT_REMINDERS, "reminder:e1",
        null, "Soon", "Doors open soon", Map.of()));
    var reminder = PushFixture.drain(handler);
    assertThat(reminder.get("dropped")).isEqualTo(Map.of("user_limit", 1));
    assertThat(f.ledger.verdict("reminder-1")).contains(PushLedger.Verdict.DROPPED);
    assertThat(f.published()).hasSize(10);
  }

  @Test
  void aMessageThatIsNoNotificationGoesToTheDeadLetterQueueWithItsReason(LocalAws aws, LocalResources res,
      LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("PushQueue")).messageBody("{\"hello\":1}"));

    var run = PushFixture.drain(f.handler());

    assertThat(run).containsEntry("deadLettered", 1);
    var dead = aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl("PushDeadLetterQueue")).messageAttributeNames("All"))
        .messages();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get("reason").stringValue()).isEqualTo("malformed_notification");
  }

  @Test
  void aProviderThatKeepsFailingSendsTheNotificationToTheDeadLetterQueueWithAReasonAndSparesTheDevice(
      LocalAws aws, LocalResources res, LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    Device device = f.register("buyer-1");
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=Publish"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml").withBody(
            "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code>"
                + "<Message>down</Message></Error><RequestId>r</RequestId></ErrorResponse>")));
    var handler = f.handler(URI.create(proxy.baseUrl()), Map.of("PUSH_MAX_ATTEMPTS", "3"));

    f.outbox.enqueue(PushFixture.order("n1", "buyer-1", null));
    var run = PushFixture.drain(handler);

    assertThat(run).containsEntry("deadLettered", 1).containsEntry("retried", 2).containsEntry("sent", 0);
    assertThat(run.get("failed")).isEqualTo(Map.of("provider_unavailable", 3));
    var dead = aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl("PushDeadLetterQueue")).messageAttributeNames("All"))
        .messages();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get("reason").stringValue()).isEqualTo("retries_exhausted");
    assertThat(f.inQueue("PushQueue")).isZero();
    assertThat(f.devices.find(device.deviceId()).orElseThrow().status())
        .as("the provider's trouble is not the device's").isEqualTo(DeviceStatus.ACTIVE);
  }
}
