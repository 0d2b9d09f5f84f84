package com.boxoffice.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.DeviceStatus;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.PushLedger;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A storm: 1,000 notifications to 150 buyers with two devices each (300 devices), 200 of them
 * queued twice, with one publish in five failing at the provider (throttling or a 500, played by
 * WireMock in front of moto, which cannot fail on its own). When the queue is drained: no device
 * got a notification twice (moto's record), and every notification reached every device of its
 * buyer, or is on the dead-letter queue, each counted.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class PushStormTest {
  static final int USERS = 150;
  static final int NOTIFICATIONS = 1_000;
  static final int DUPLICATED = 200;

  /** Fails every fifth Publish, alternately as throttling and as a provider error; proxies the rest to moto. */
  static final class ProviderFaults implements ResponseDefinitionTransformerV2 {
    final AtomicInteger publishes = new AtomicInteger();
    final AtomicInteger injected = new AtomicInteger();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      String body = serveEvent.getRequest().getBodyAsString();
      if (body == null || !body.contains("Action=Publish")) {
        return serveEvent.getResponseDefinition();
      }
      int n = publishes.incrementAndGet();
      if (n % 5 != 0) {
        return serveEvent.getResponseDefinition();
      }
      injected.incrementAndGet();
      boolean throttle = (n / 5) % 2 == 0;
      return aResponse().withStatus(throttle ? 400 : 500).withHeader("Content-Type", "text/xml")
          .withBody("<ErrorResponse><Error><Type>" + (throttle ? "Sender" : "Receiver") + "</Type><Code>"
              + (throttle ? "Throttling" : "InternalError") + "</Code><Message>injected</Message></Error>"
              + "<RequestId>storm</RequestId></ErrorResponse>").build();
    }

    @Override
    public String getName() {
      return "provider-faults";
    }
  }

  @Test
  void noDeviceGetsANotificationTwiceAndNoneIsLost(LocalAws aws, LocalResources res, LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    Map<String, List<Device>> devicesOf = new HashMap<>();
    for (int u = 0; u < USERS; u++) {
      String user = "storm-buyer-" + u;
      devicesOf.put(user, List.of(f.register(user), f.register(user)));
    }
    List<PushNotification> notifications = new ArrayList<>();
    for (int i = 0; i < NOTIFICATIONS; i++) {
      // Six or seven per buyer (under 10 an hour), 50 per campaign (under 100 an hour).
      notifications.add(PushFixture.order("storm-" + i, "storm-buyer-" + (i % USERS), "campaign-" + (i % 20)));
    }
    List<PushNotification> queued = new ArrayList<>(notifications);
    queued.addAll(notifications.subList(0, DUPLICATED));
    for (int i = 0; i < queued.size(); i += 10) {
      List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
      for (int j = i; j < Math.min(i + 10, queued.size()); j++) {
        batch.add(SendMessageBatchRequestEntry.builder().id("m" + j).messageBody(Json.write(queued.get(j))).build());
      }
      aws.sqs().sendMessageBatch(b -> b.queueUrl(res.queueUrl("PushQueue")).entries(batch));
    }

    ProviderFaults faults = new ProviderFaults();
    WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(faults));
    provider.start();
    Map<String, Integer> totals = new HashMap<>();
    try {
      provider.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
      var handler = f.handler(URI.create(provider.baseUrl()), Map.of("PUSH_PER_CAMPAIGN_PER_HOUR", "100"));
      for (int run = 0; run < 30 && f.inQueue("PushQueue") > 0; run++) {
        var result = PushFixture.drain(handler);
        for (String key : List.of("received", "sent", "duplicates", "deferred", "collapsed", "dropped", "retried",
            "throttled", "failed", "deactivated", "deadLettered")) {
          totals.merge(key, PushFixture.count(result, key), Integer::sum);
        }
      }
    } finally {
      provider.stop();
    }

    assertThat(f.inQueue("PushQueue")).as("the queue is drained").isZero();
    assertThat(faults.injected.get()).as("faults were injected").isGreaterThan(NOTIFICATIONS * 2 / 10);

    // None sent twice to a device: moto's record of every publish that reached it.
    List<String[]> published = f.published();
    Set<String> pairs = new HashSet<>();
    List<String> twice = new ArrayList<>();
    for (String[] p : published) {
      if (!pairs.add(p[0] + "|" + p[1])) {
        twice.add(p[0] + "|" + p[1]);
      }
    }
    assertThat(twice).as("a notification published twice to one endpoint").isEmpty();
    assertThat(totals.get("sent")).as("the processor's sent count matches what moto recorded").isEqualTo(published.size());

    // None lost: each (notification, device) was sent, or the device was deactivated, or the
    // notification is on the dead-letter queue.
    Set<String> deadLettered = new HashSet<>();
    for (Message m : drainDeadLetters(aws, res)) {
      deadLettered.add(Json.read(m.body(), PushNotification.class).notificationId());
    }
    Map<String, String> endpointOf = new HashMap<>();
    devicesOf.values().forEach(ds -> ds.forEach(d -> endpointOf.put(d.deviceId(), d.endpointArn())));
    List<String> lost = new ArrayList<>();
    int sentPairs = 0;
    for (PushNotification n : notifications) {
      assertThat(f.ledger.verdict(n.notificationId())).as(n.notificationId()).contains(PushLedger.Verdict.ADMITTED);
      for (Device d : devicesOf.get(n.userId())) {
        boolean sent = pairs.contains(d.endpointArn() + "|" + n.notificationId());
        boolean inactive = f.devices.find(d.deviceId()).orElseThrow().status() == DeviceStatus.INACTIVE;
        if (sent) {
          sentPairs++;
        } else if (!inactive && !deadLettered.contains(n.notificationId())) {
          lost.add(n.notificationId() + " -> " + d.deviceId());
        }
      }
    }
    assertThat(lost).as("notifications neither sent, nor dead-lettered, nor for a deactivated device").isEmpty();
    assertThat(sentPairs).isEqualTo(published.size());
    assertThat(totals.get("failed")).as("every injected fault was counted as a failure")
        .isEqualTo(faults.injected.get());
    assertThat(totals.get("deadLettered")).as("every dead-lettered notification was counted")
        .isEqualTo(deadLettered.size());
    assertThat(totals.get("dropped") + totals.get("collapsed"))
        .as("under every limit, nothing is dropped or collapsed").isZero();
    // Under every limit the one deferral left is a duplicate copy finding its twin mid-send (it
    // comes back to check, "in_progress"), so there are never more than there are duplicates.
    assertThat(totals.get("deferred")).as("deferrals, only duplicates rechecking a copy in progress")
        .isLessThanOrEqualTo(DUPLICATED);
    assertThat(totals.get("received")).isGreaterThanOrEqualTo(NOTIFICATIONS + DUPLICATED);
    System.out.printf("storm: %d publishes, %d faults injected, totals %s, dead-lettered %d%n",
        faults.publishes.get(), faults.injected.get(), totals, deadLettered.size());
  }

  private static List<Message> drainDeadLetters(LocalAws aws, LocalResources res) {
    List<Message> all = new ArrayList<>();
    while (true) {
      var batch = aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl("PushDeadLetterQueue")).maxNumberOfMessages(10)
          .waitTimeSeconds(0)).messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
      batch.forEach(m -> aws.sqs().deleteMessage(b -> b.queueUrl(res.queueUrl("PushDeadLetterQueue"))
          .receiptHandle(m.receiptHandle())));
    }
  }
}
