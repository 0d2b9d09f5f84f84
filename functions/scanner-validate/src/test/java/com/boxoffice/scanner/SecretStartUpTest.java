package com.boxoffice.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSecretsManager;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scanner as Lambda builds it, with its QR keys in a Secrets Manager that fails at start-up:
 * the failure is answered as a retryable 503 that names nothing internal, and a later request,
 * after the backoff, finds the function working, in the same container.
 */
@ExtendWith(LocalAwsExtension.class)
class SecretStartUpTest {

  @BeforeAll
  static void localCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @Test
  void aSecretsManagerOutageAtStartUpIsA503UntilItPassesNotForTheContainersLife(LocalAws aws, LocalResources res)
      throws Exception {
    assertRecovers(aws, res, 500, "InternalServiceError", 4);
  }

  @Test
  void anAccessDeniedAtStartUpIsA503ThatNamesNoSettingAndMendsOnceAccessIsGranted(LocalAws aws, LocalResources res)
      throws Exception {
    assertRecovers(aws, res, 400, "AccessDeniedException", 2);
  }

  /** {@code failures} failed reads, then the secret as it should be. */
  private static void assertRecovers(LocalAws aws, LocalResources res, int status, String error, int failures)
      throws Exception {
    String keys = ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of());
    var f = new ScanFixture(aws, res, keys, 360);
    f.event("evt-start", false, false, true);
    f.assign("scanner-start", "evt-start", false);
    var issued = f.issue("evt-start");
    var ticket = new Ticket(issued.ticketId(), issued.eventId(), issued.orderId(), 1, "general", "General admission",
        "Ada", issued.status(), issued.issuedAt(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    f.store(ticket);
    String code = new SignedTicketCodes(SigningKeysSetting.parse(keys, "QR_SIGNING_KEYS")).codeFor(ticket);
    try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      env.put("TABLE_NAME", res.table("BoxofficeTable"));
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/qr-signing-keys", keys));
      // A 500 is retried by the SDK (three attempts), an AccessDenied is not: either way the
      // start-up itself fails at least once.
      secrets.failNext(failures, status, error);
      var handler = new ScannerValidateHandler(new Env(env));

      APIGatewayV2HTTPResponse first = scan(handler, code);
      assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(503);
      assertThat(ScanFixture.json(first).at("/error/code").asText()).isEqualTo("service_unavailable");
      assertThat(ScanFixture.json(first).at("/error/retryable").asBoolean()).isTrue();
      assertThat(first.getHeaders()).containsKey("Retry-After");
      assertThat(first.getBody()).doesNotContain("QR_SIGNING_KEYS").doesNotContain("Secret")
          .doesNotContain(error).doesNotContain("arn:");

      // A client waits what Retry-After says, as a scanner app would; the stub has healed by then.
      APIGatewayV2HTTPResponse later = first;
      for (int attempt = 0; attempt < 5 && later.getStatusCode() == 503; attempt++) {
        Thread.sleep(Duration.ofSeconds(Long.parseLong(later.getHeaders().get("Retry-After"))));
        later = scan(handler, code);
      }
      assertThat(later.getStatusCode()).as(later.getBody()).isEqualTo(200);
      assertThat(ScanFixture.result(later)).isEqualTo("ok");
    }
  }

  private static APIGatewayV2HTTPResponse scan(ScannerValidateHandler handler, String code) {
    return handler.handleRequest(ScanFixture.event("scanner-start",
        ScanFixture.body(code, "evt-start", "entry", UUID.randomUUID().toString(), "north")), null);
  }
}
