package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.boxoffice.testkit.RepoRoot;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The local stack keeps the signing keys in a secret on moto, as in AWS: the functions get the
 * secret's ARN (not the keys), the demo tickets are signed with the keys read from it, and the
 * organizer's key rotation works locally and is what moto then serves as current.
 */
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class LocalSigningKeysTest {
  private final LocalTemplate template = LocalTemplate.load(RepoRoot.find().resolve("template.yaml"));

  @BeforeAll
  static void localCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @Test
  @SuppressWarnings("unchecked")
  void functionsReadTheKeysFromMotoAndTheOrganizerRotatesThemLocally(LocalAws aws, LocalResources res, LocalSns moto) {
    String arn = LocalRunner.localSecret(moto.endpoint(), "boxoffice/" + res.stage() + "/qr-signing-keys-local",
        LocalDemo.qrSigningKeysJson(new SecureRandom()));
    Map<String, String> common = new LinkedHashMap<>();
    common.put("AWS_REGION", "us-east-1");
    common.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CheckoutSuccessUrl", "http://127.0.0.1:3000/local/paid?session_id={CHECKOUT_SESSION_ID}");
    parameters.put("CheckoutCancelUrl", "http://127.0.0.1:3000/local/cancelled");
    parameters.put("SenderAddress", "tickets@boxoffice.localhost");
    parameters.put("SesMaxSendRate", "14");
    parameters.put("EmailConfigurationSet", "boxoffice-local");
    parameters.put("Stage", res.stage());
    parameters.put("SigningKeyOwnerOrganization", LocalDemo.ORGANIZATION_ID);
    parameters.put("ApnsPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/APNS/local");
    parameters.put("FcmPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/GCM/local");
    template.parameterDefaults().forEach((k, v) -> parameters.putIfAbsent(k, String.valueOf(v)));
    var environments = new LocalEnvironment(template, res, parameters, Map.of(), common,
        Map.of(SigningKeysSetting.NAME, arn));

    Map<String, String> organizerEnv = environments.forFunction("OrganizerFunction");
    assertThat(organizerEnv).containsEntry("QR_SIGNING_KEYS_SECRET_ARN", arn).doesNotContainKey("QR_SIGNING_KEYS");
    var tickets = DemoTickets.forScanner(aws.dynamo(), environments.forFunction("ScannerValidateFunction"),
        Clock.systemUTC());
    assertThat(tickets.issue("evt-local-keys", "Ada").code()).isNotBlank();

    var organizer = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) LocalRunner.instantiate(
        template.function("OrganizerFunction"), organizerEnv);
    String cutOff = Instant.now().plus(Duration.ofDays(3)).toString();
    var rotated = organizer.handleRequest(HttpApiEvents.request("POST", "/v1/org/signing-keys/rotate")
        .routeKey("$default").claims(Map.of("sub", "alice", "scope", "organizer", "org", "org_demo"))
        .body("{\"oldKeyValidUntil\":\"" + cutOff + "\",\"expectedActiveKeyId\":\"k1\"}").build(), null);

    assertThat(rotated.getStatusCode()).as(rotated.getBody()).isEqualTo(200);
    assertThat(HttpApiEvents.json(rotated).get("activeKeyId").asText()).isEqualTo("k2");
    try (var client = SecretsManagerClient.builder().endpointOverride(moto.endpoint())
        .region(LocalAws.REGION).credentialsProvider(LocalAws.CREDENTIALS).build()) {
      String current = client.getSecretValue(b -> b.secretId(arn).versionStage("AWSCURRENT")).secretString();
      assertThat(SigningKeysSetting.parse(current, SigningKeysSetting.NAME).active().id()).isEqualTo("k2");
    }
  }
}
