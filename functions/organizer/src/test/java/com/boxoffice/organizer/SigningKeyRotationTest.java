package com.boxoffice.organizer;

import static com.boxoffice.shared.testing.HttpApiEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.http.HttpLambda;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /v1/org/signing-keys/rotate} through the organizer handler, with the keys in
 * Secrets Manager as moto serves it: codes signed before the rotation pass the code check until the cut-off
 * and are refused after it, new codes are signed by the new key, and a function that read the old
 * keys at start picks the new ones up within five minutes, without a deploy.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class SigningKeyRotationTest {
  private static final String K1 = "{\"active\":\"k1\",\"fallback\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}";

  @Test
  void oldCodesPassUntilTheCutOffAndAreRefusedAfterAndFunctionsPickUpTheNewKey(LocalAws aws, LocalResources res,
      LocalSns moto) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    try (MotoSecrets secrets = new MotoSecrets(moto)) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint.toString());
      env.put("TABLE_NAME", res.table("BoxofficeTable"));
      env.put("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"));
      String arn = secrets.create("boxoffice/" + res.stage() + "/qr-signing-keys", K1);
      env.put("QR_SIGNING_KEYS_SECRET_ARN", arn);
      env.put("SIGNING_KEY_OWNER_ORG", "org_keys");
      var organizer = new OrganizerHandler(new Env(env));
      MutableClock clock = new MutableClock(Instant.now());
      var door = new KeyReader(new Env(env), clock);
      assertThat(activeKey(door)).isEqualTo("k1");

      Instant now = Instant.now();
      Ticket ticket = new Ticket(Ticket.idFor("ord_rotation", 1), "evt_rot", "ord_rotation", 1, "ga", "GA", "Ada",
          TicketStatus.VALID, now, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(20)));
      String oldCode = new SignedTicketCodes(SigningKeysSetting.parse(K1, "QR_SIGNING_KEYS")).codeFor(ticket);
      Instant cutOff = now.plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

      // The keys are the deployment's, owned by one organization: to another they do not exist.
      var foreign = organizer.handleRequest(HttpApiEvents.request("POST", "/v1/org/signing-keys/rotate")
          .routeKey("$default").claims(OrganizerFixture.organizer("org_tenant"))
          .body("{\"oldKeyValidUntil\":\"" + cutOff + "\"}").build(), null);
      assertThat(foreign.getStatusCode()).as(foreign.getBody()).isEqualTo(404);
      assertThat(json(foreign).path("error").path("code").asText()).isEqualTo("not_found");
      assertThat(SigningKeysSetting.parse(secrets.current(arn), "QR_SIGNING_KEYS").active().id()).isEqualTo("k1");

      var rotated = organizer.handleRequest(request("{\"oldKeyValidUntil\":\"" + cutOff + "\"}"), null);
      assertThat(rotated.getStatusCode()).as(rotated.getBody()).isEqualTo(200);
      assertThat(json(rotated).get("activeKeyId").asText()).isEqualTo("k2");
      assertThat(json(rotated).get("retiredKeyId").asText()).isEqualTo("k1");
      assertThat(rotated.getBody()).doesNotContain(Base64.getEncoder().encodeToString(new byte[32]));

      var keys = SigningKeysSetting.parse(secrets.current(arn), "QR_SIGNING_KEYS");
      assertThat(keys.active().id()).isEqualTo("k2");
      assertThat(keys.fallback().id()).as("fallback codes already printed stay valid").isEqualTo("k1");
      var codes = new SignedTicketCodes(keys);
      assertThat(codes.verify(oldCode, cutOff.minusSeconds(1))).isInstanceOf(CodeCheck.Verified.class);
      assertThat(codes.verify(oldCode, cutOff)).isEqualTo(new CodeCheck.Rejected("retired_key"));
      String newCode = codes.codeFor(ticket);
      assertThat(newCode).isNotEqualTo(oldCode);
      assertThat(codes.verify(newCode, cutOff.plus(Duration.ofDays(1)))).isInstanceOf(CodeCheck.Verified.class);

      assertThat(activeKey(door)).as("within the five minutes its keys are trusted").isEqualTo("k1");
      clock.advance(Duration.ofMinutes(5).plusSeconds(1));
      assertThat(activeKey(door)).as("after them, without a new deploy").isEqualTo("k2");

      var stale = organizer.handleRequest(request("{\"oldKeyValidUntil\":\"" + cutOff
          + "\",\"expectedActiveKeyId\":\"k1\"}"), null);
      assertThat(stale.getStatusCode()).as("k1 is no longer the active key").isEqualTo(409);
      assertThat(json(stale).at("/error/code").asText()).isEqualTo("key_rotation_conflict");
      assertThat(json(stale).at("/error/retryable").asBoolean()).isFalse();
      assertThat(json(stale).at("/error/fields/activeKeyId").asText()).isEqualTo("k2");
      assertThat(SigningKeysSetting.parse(secrets.current(arn), "QR_SIGNING_KEYS").active().id()).isEqualTo("k2");
      var badId = organizer.handleRequest(request("{\"oldKeyValidUntil\":\"" + cutOff
          + "\",\"expectedActiveKeyId\":\"key-1\"}"), null);
      assertThat(badId.getStatusCode()).isEqualTo(400);
      assertThat(json(badId).path("error").path("fields").has("expectedActiveKeyId")).isTrue();

      var past = organizer.handleRequest(request("{\"oldKeyValidUntil\":\"2020-01-01T00:00:00Z\"}"), null);
      assertThat(past.getStatusCode()).isEqualTo(400);
      assertThat(json(past).path("error").path("fields").has("oldKeyValidUntil")).isTrue();
      var other = organizer.handleRequest(HttpApiEvents.request("POST", "/v1/org/signing-keys/rotate")
          .routeKey("$default").claims(Map.of("sub", "b", "scope", "buyer")).body("{}").build(), null);
      assertThat(other.getStatusCode()).isEqualTo(403);
      var audit = json(organizer.handleRequest(HttpApiEvents.request("GET", "/v1/org/audit").routeKey("$default")
          .claims(OrganizerFixture.organizer("org_keys")).build(), null));
      assertThat(audit.get("entries").get(0).get("action").asText()).isEqualTo("signing_key.rotated");
      assertThat(audit.toString()).doesNotContain("secret");
    }
  }

  private static APIGatewayV2HTTPEvent request(String body) {
    return HttpApiEvents.request("POST", "/v1/org/signing-keys/rotate").routeKey("$default")
        .claims(OrganizerFixture.organizer("org_keys")).body(body).build();
  }

  private static String activeKey(KeyReader door) {
    return json(door.handleRequest(HttpApiEvents.request("GET", "/key").routeKey("$default").build(), null))
        .get("active").asText();
  }

  /**
   * A function that reads the signing keys at start the way every function does (SecretSource by
   * ARN, through HttpLambda's start-up and its five-minute secret check), and says which key is active.
   */
  static final class KeyReader extends HttpLambda {
    KeyReader(Env env, MutableClock clock) {
      super("key-reader", 1024, () -> {
        var keys = SigningKeysSetting.read(new SecretSource(env, new AwsClients(env)::secretValue));
        return new Router().route("GET", "/key", r -> HttpResponse.ok(Map.of("active", keys.active().id())));
      }, clock);
    }
  }
}
