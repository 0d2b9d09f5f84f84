package com.boxoffice.devices;

import static com.boxoffice.devices.DevicesFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.DynamoDeviceStore;
import com.boxoffice.shared.domain.push.DeviceStatus;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The device routes through the handler, on DynamoDB Local and moto's SNS. */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class DevicesApiTest {

  @Test
  void registeringATokenTwiceIsOneDeviceWithOneEndpoint(LocalAws aws, LocalResources res, LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    String token = f.apnsToken();

    var first = f.register("buyer-1", "apns", token);
    var again = f.register("buyer-1", "apns", token);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(json(again).path("deviceId").asText()).isEqualTo(json(first).path("deviceId").asText())
        .matches("dev_[0-9a-f]{24}");
    assertThat(json(first).path("status").asText()).isEqualTo("active");
    var endpoints = f.sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(f.apnsApp)).endpoints();
    assertThat(endpoints).hasSize(1);
    assertThat(endpoints.get(0).attributes()).containsEntry("Token", token);
  }

  @Test
  void aTokenRegisteredFromAnotherAccountMovesThere(LocalAws aws, LocalResources res, LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    String token = f.fcmToken();
    String id = json(f.register("buyer-1", "fcm", token)).path("deviceId").asText();

    assertThat(f.register("buyer-2", "fcm", token).getStatusCode()).isEqualTo(200);

    var store = new DynamoDeviceStore(aws.dynamo(), res.table("BoxofficeTable"));
    assertThat(store.deliverable("buyer-1")).isEmpty();
    assertThat(store.deliverable("buyer-2")).extracting(d -> d.deviceId()).containsExactly(id);
    assertThat(f.delete("buyer-1", id).getStatusCode()).isEqualTo(404);
  }

  @Test
  void badRegistrationsAnswer400WithTheFieldNamedAndStoreNothing(LocalAws aws, LocalResources res, LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    Map<String, String> cases = Map.of(
        "{\"platform\":\"apns\",\"token\":\"abc123\"}", "token",
        "{\"platform\":\"apns\",\"token\":\"" + "g".repeat(64) + "\"}", "token",
        "{\"platform\":\"fcm\",\"token\":\"not-a-registration-token\"}", "token",
        "{\"platform\":\"webpush\",\"token\":\"" + f.apnsToken() + "\"}", "platform",
        "{\"token\":\"" + f.apnsToken() + "\"}", "platform",
        "{\"platform\":\"apns\"}", "token");
    for (var c : cases.entrySet()) {
      var r = f.post(DevicesFixture.buyer("buyer-1"), c.getKey());
      assertThat(r.getStatusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(json(r).path("error").path("code").asText()).isEqualTo("validation_failed");
      assertThat(json(r).path("error").path("fields").has(c.getValue())).as(c.getKey()).isTrue();
      assertThat(json(r).path("error").path("retryable").asBoolean()).isFalse();
    }
    var unknown = f.post(DevicesFixture.buyer("buyer-1"), "{\"platform\":\"apns\",\"token\":\"" + f.apnsToken()
        + "\",\"model\":\"x\"}");
    assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("unknown_field");
    var notJson = f.post(DevicesFixture.buyer("buyer-1"), "{");
    assertThat(json(notJson).path("error").path("code").asText()).isEqualTo("malformed_json");
    assertThat(new DynamoDeviceStore(aws.dynamo(), res.table("BoxofficeTable")).deliverable("buyer-1")).isEmpty();
    assertThat(f.sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(f.apnsApp)).endpoints()).isEmpty();
  }

  @Test
  void onlyABuyerTokenWithASubjectMayRegister(LocalAws aws, LocalResources res, LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    String body = "{\"platform\":\"apns\",\"token\":\"" + f.apnsToken() + "\"}";
    assertThat(f.post(Map.of("sub", "scanner-1", "scope", "scanner"), body).getStatusCode()).isEqualTo(403);
    assertThat(f.post(Map.of("scope", "buyer"), body).getStatusCode()).isEqualTo(401);
  }

  @Test
  void deletingRemovesTheDeviceAndItsEndpointForItsOwnerOnly(LocalAws aws, LocalResources res, LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    String id = json(f.register("buyer-1", "apns", f.apnsToken())).path("deviceId").asText();

    assertThat(f.delete("buyer-2", id).getStatusCode()).isEqualTo(404);
    assertThat(f.delete("buyer-1", "not-a-device").getStatusCode()).isEqualTo(404);
    var deleted = f.delete("buyer-1", id);

    assertThat(deleted.getStatusCode()).isEqualTo(204);
    assertThat(f.delete("buyer-1", id).getStatusCode()).isEqualTo(404);
    assertThat(f.sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(f.apnsApp)).endpoints()).isEmpty();
  }

  @Test
  void registeringAnInactiveDeviceAgainReenablesItsEndpointAndReactivatesIt(LocalAws aws, LocalResources res,
      LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    String token = f.apnsToken();
    String id = json(f.register("buyer-1", "apns", token)).path("deviceId").asText();
    var store = new DynamoDeviceStore(aws.dynamo(), res.table("BoxofficeTable"));
    String endpoint = store.find(id).orElseThrow().endpointArn();
    f.sns.setEndpointAttributes(b -> b.endpointArn(endpoint).attributes(Map.of("Enabled", "false")));
    store.deactivate(id, Instant.now());

    assertThat(f.register("buyer-1", "apns", token).getStatusCode()).isEqualTo(200);

    assertThat(store.find(id).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
    assertThat(store.find(id).orElseThrow().endpointArn()).isEqualTo(endpoint);
    assertThat(f.sns.getEndpointAttributes(b -> b.endpointArn(endpoint)).attributes()).containsEntry("Enabled", "true");
  }

  @Test
  void preferencesDefaultToEverythingAndChangeOneSwitchAtATime(LocalAws aws, LocalResources res, LocalSns sns) {
    var f = new DevicesFixture(aws, res, sns);
    var defaults = f.preferences("buyer-1", "GET", null);
    assertThat(defaults.getStatusCode()).isEqualTo(200);
    assertThat(json(defaults).toString()).isEqualTo("{\"orderUpdates\":true,\"eventReminders\":true,\"eventChanges\":true}");

    var changed = f.preferences("buyer-1", "PUT", "{\"eventReminders\":false}");
    assertThat(json(changed).toString()).isEqualTo("{\"orderUpdates\":true,\"eventReminders\":false,\"eventChanges\":true}");
    assertThat(json(f.preferences("buyer-1", "GET", null)).path("eventReminders").asBoolean()).isFalse();
    assertThat(json(f.preferences("buyer-2", "GET", null)).path("eventReminders").asBoolean()).isTrue();

    var bad = f.preferences("buyer-1", "PUT", "{\"eventReminders\":\"no\"}");
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").path("fields").has("eventReminders")).isTrue();
  }
}
