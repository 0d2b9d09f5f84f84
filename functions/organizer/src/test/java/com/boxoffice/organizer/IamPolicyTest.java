package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.util.Base64;
import com.boxoffice.testkit.iam.IamCoverage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The organizer function's IAM policy in template.yaml grants exactly what its code uses: every
 * AWS call recorded while this module's tests ran (this class runs last), plus each route driven
 * here through the handler as Lambda builds it from its environment.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class IamPolicyTest {
  private static final Map<String, String> CLAIMS = OrganizerFixture.organizer("org_iam");

  @Test
  void theTemplateGrantsTheOrganizerEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res, LocalSns moto) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("TABLE_NAME", res.table("BoxofficeTable"));
    env.put("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"));
    try (MotoSecrets secrets = new MotoSecrets(moto)) {
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint.toString());
      env.put("SIGNING_KEY_OWNER_ORG", "org_iam");
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.create("boxoffice/" + res.stage() + "/qr-signing-keys",
          "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + Base64.getEncoder().encodeToString(new byte[32])
              + "\"}}}"));
      drive(new OrganizerHandler(new Env(env)));
    }

    assertThat(IamCoverage.problems("OrganizerFunction")).isEmpty();
  }

  private static void drive(OrganizerHandler handler) {
    String eventId = json(ok(handler, "POST", "/v1/org/events", OrganizerFixture.eventBody("IAM"), "k-1"))
        .get("eventId").asText();
    String typeId = json(ok(handler, "POST", "/v1/org/events/" + eventId + "/ticket-types",
        "{\"name\":\"GA\",\"price\":100,\"capacity\":300}", null)).get("ticketTypeId").asText();
    // 300 seats: a type on two seat-counter shards (STOCK#), which the change moves.
    ok(handler, "PATCH", "/v1/org/events/" + eventId + "/ticket-types/" + typeId, "{\"capacity\":301}", null);
    ok(handler, "PATCH", "/v1/org/events/" + eventId, "{\"venue\":\"Elsewhere\"}", null);
    ok(handler, "POST", "/v1/org/events/" + eventId + "/publish", null, null);
    ok(handler, "GET", "/v1/org/events", null, null);
    ok(handler, "GET", "/v1/org/events/" + eventId, null, null);
    String deviceId = json(ok(handler, "POST", "/v1/org/devices", "{\"name\":\"Gate\"}", null)).get("deviceId").asText();
    ok(handler, "POST", "/v1/org/devices/" + deviceId + "/assignments", "{\"eventId\":\"" + eventId + "\"}", null);
    ok(handler, "GET", "/v1/org/devices", null, null);
    ok(handler, "POST", "/v1/org/devices/" + deviceId + "/revoke", null, null);
    ok(handler, "GET", "/v1/org/audit", null, null);
    ok(handler, "POST", "/v1/org/signing-keys/rotate",
        "{\"oldKeyValidUntil\":\"" + java.time.Instant.now().plus(java.time.Duration.ofDays(3)) + "\"}", "rotate-1");
  }

  private static APIGatewayV2HTTPResponse ok(OrganizerHandler handler, String method, String path, String body,
      String key) {
    var r = handler.handleRequest(HttpApiEvents.request(method, path).routeKey("$default").claims(CLAIMS).body(body)
        .headers(key == null ? Map.of() : Map.of("idempotency-key", key)).build(), null);
    assertThat(r.getStatusCode()).as(method + " " + path + " " + r.getBody()).isLessThan(300);
    return r;
  }
}
