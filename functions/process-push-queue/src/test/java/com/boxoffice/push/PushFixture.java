package com.boxoffice.push;

import com.boxoffice.shared.adapter.dynamo.DynamoDeviceStore;
import com.boxoffice.shared.adapter.dynamo.DynamoPushLedger;
import com.boxoffice.shared.adapter.dynamo.OrderItems;
import com.boxoffice.shared.adapter.sns.SnsPushGateway;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.DeviceRegistry;
import com.boxoffice.shared.domain.push.Platform;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The push processor as Lambda builds it (from its environment) on DynamoDB Local, ElasticMQ and
 * moto's SNS, optionally through a fault-injecting proxy in front of moto; devices are registered
 * straight on moto, as the devices function would.
 */
final class PushFixture {
  final LocalAws aws;
  final LocalResources res;
  final LocalSns moto;
  final SnsClient sns;
  final String apnsApp;
  final String fcmApp;
  final DeviceRegistry registry;
  final DynamoDeviceStore devices;
  final DynamoPushLedger ledger;
  final PushSqsOutbox outbox;
  private final Random random = new Random();

  PushFixture(LocalAws aws, LocalResources res, LocalSns moto) {
    TestEnvironments.useLocalCredentials();
    this.aws = aws;
    this.res = res;
    this.moto = moto;
    this.sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    this.apnsApp = sns.createPlatformApplication(b -> b.name("apns-" + res.stage()).platform("APNS")
        .attributes(Map.of())).platformApplicationArn();
    this.fcmApp = sns.createPlatformApplication(b -> b.name("fcm-" + res.stage()).platform("GCM")
        .attributes(Map.of())).platformApplicationArn();
    String table = res.table("BoxofficeTable");
    this.devices = new DynamoDeviceStore(aws.dynamo(), table);
    this.ledger = new DynamoPushLedger(aws.dynamo(), table);
    this.registry = new DeviceRegistry(devices, new SnsPushGateway(sns, Map.of(Platform.APNS, apnsApp,
        Platform.FCM, fcmApp)), Clock.systemUTC());
    this.outbox = new PushSqsOutbox(aws.sqs(), res.queueUrl("PushQueue"));
  }

  /** The handler, talking to SNS at {@code snsEndpoint} (moto, or a proxy in front of it). */
  ProcessPushQueueHandler handler(URI snsEndpoint, Map<String, String> overrides) {
    Map<String, String> env = TestEnvironments.onLocalAws(aws, res);
    env.put("AWS_ENDPOINT_URL_SNS", snsEndpoint.toString());
    env.put("PUSH_QUEUE_URL", res.queueUrl("PushQueue"));
    env.put("PUSH_DLQ_URL", res.queueUrl("PushDeadLetterQueue"));
    env.put("SNS_APNS_APPLICATION_ARN", apnsApp);
    env.put("SNS_FCM_APPLICATION_ARN", fcmApp);
    env.put("PUSH_BACKOFF_SECONDS", "0");
    env.put("PUSH_POLL_WAIT_SECONDS", "1");
    env.put("PUSH_MAX_EMPTY_POLLS", "2");
    env.put("PUSH_STOP_BEFORE_MS", "1000");
    env.putAll(overrides);
    return new ProcessPushQueueHandler(new Env(env));
  }

  ProcessPushQueueHandler handler() {
    return handler(moto.endpoint(), Map.of());
  }

  String apnsToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  Device register(String userId) {
    return registry.register(userId, "apns", apnsToken()).device();
  }

  static PushNotification order(String id, String userId, String campaign) {
    return new PushNotification(id, userId, com.boxoffice.shared.domain.push.PushCategory.ORDER_UPDATES, campaign,
        null, "Your tickets are ready", "In the app", Map.of("orderId", id));
  }

  /**
   * An order of one GA ticket for {@code eventId}, written as the checkout writes it, by
   * {@code buyerId} (null: a guest checkout).
   */
  void order(String eventId, String suffix, OrderStatus status, String buyerId) {
    String orderId = "ord_" + eventId + "_" + suffix;
    Instant at = Instant.now();
    Order o = new Order(orderId, status, eventId, "Night", at, at, buyerId, null, "b@example.com", "B",
        List.of(new OrderLine("ga", "GA", 1, 2500)), 2500, "eur", at, at, at, "cs_" + orderId, null, "pi_" + orderId,
        at, false, 1, 0);
    aws.dynamo().putItem(b -> b.tableName(res.table("BoxofficeTable")).item(OrderItems.toItem(o)));
  }

  /** The notifications on the push queue now, taken off it. */
  List<PushNotification> queuedPushes() {
    String queue = res.queueUrl("PushQueue");
    List<PushNotification> all = new ArrayList<>();
    while (true) {
      var messages = aws.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0))
          .messages();
      if (messages.isEmpty()) {
        return all;
      }
      for (var m : messages) {
        all.add(Json.read(m.body(), PushNotification.class));
        aws.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
      }
    }
  }

  /** Runs the drain task once, as the schedule would. */
  static Map<String, Object> drain(ProcessPushQueueHandler handler) {
    return handler.handleRequest(Map.of("task", "drain"), null);
  }

  /** What moto recorded for this test's endpoints: (endpoint ARN, notification id) per message. */
  List<String[]> published() {
    List<String[]> out = new ArrayList<>();
    for (LocalSns.Published p : moto.published()) {
      if (!p.endpointArn().contains("-" + res.stage() + "/")) {
        continue;
      }
      JsonNode structure = Json.read(p.message(), JsonNode.class);
      JsonNode apns = Json.read(structure.path("APNS").asText(), JsonNode.class);
      out.add(new String[] {p.endpointArn(), apns.path("notificationId").asText()});
    }
    return out;
  }

  int visible(String queue) {
    return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(res.queueUrl(queue))
        .attributeNames(QueueAttributeName.ALL)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  int inQueue(String queue) {
    var a = aws.sqs().getQueueAttributes(b -> b.queueUrl(res.queueUrl(queue)).attributeNames(QueueAttributeName.ALL))
        .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
  }

  @SuppressWarnings("unchecked")
  static int count(Map<String, Object> result, String key) {
    Object v = result.get(key);
    if (v instanceof Map<?, ?> m) {
      return ((Map<String, Integer>) m).values().stream().mapToInt(Integer::intValue).sum();
    }
    return ((Number) v).intValue();
  }
}
