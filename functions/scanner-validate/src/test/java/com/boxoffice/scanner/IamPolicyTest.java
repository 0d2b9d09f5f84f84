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
import com.boxoffice.testkit.iam.IamCoverage;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scanner function's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus its main paths driven
 * here through the handler as Lambda builds it, with the QR keys read from Secrets Manager: a QR
 * code admitted, the same ticket's fallback code refused as already inside, and an unreadable code
 * logged.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalAwsExtension.class)
class IamPolicyTest {

  @Test
  void theTemplateGrantsTheScannerEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    String keys = ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of());
    var f = new ScanFixture(aws, res, keys, 360);
    f.event("evt-iam", false, false, true);
    f.assign("scanner-iam", "evt-iam", false);
    var issued = f.issue("evt-iam");
    // The handler runs on the real clock; the fixture's tickets are valid in its fixed future.
    var ticket = new Ticket(issued.ticketId(), issued.eventId(), issued.orderId(), 1, "general",
        "General admission", "Ada", issued.status(), issued.issuedAt(), Instant.now().minusSeconds(60),
        Instant.now().plusSeconds(3600));
    f.store(ticket);
    var codes = new SignedTicketCodes(SigningKeysSetting.parse(keys, "QR_SIGNING_KEYS"));
    try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
      env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      env.put("TABLE_NAME", res.table("BoxofficeTable"));
      env.put("QR_SIGNING_KEYS_SECRET_ARN", secrets.put("boxoffice/" + res.stage() + "/qr-signing-keys", keys));
      var handler = new ScannerValidateHandler(new Env(env));

      var admitted = handler.handleRequest(ScanFixture.event("scanner-iam", ScanFixture.body(codes.codeFor(ticket),
          "evt-iam", "entry", UUID.randomUUID().toString(), "north")), null);
      var inside = handler.handleRequest(ScanFixture.event("scanner-iam", ScanFixture.body(
          codes.fallbackCodeFor(ticket), "evt-iam", "entry", UUID.randomUUID().toString(), "north")), null);
      var junk = handler.handleRequest(ScanFixture.event("scanner-iam", ScanFixture.body("NOT-A-CODE-" + Instant.now()
          .getEpochSecond(), "evt-iam", "entry", UUID.randomUUID().toString(), "north")), null);

      assertThat(ScanFixture.result(admitted)).isEqualTo("ok");
      assertThat(ScanFixture.result(inside)).isNotEqualTo("ok");
      assertThat(ScanFixture.result(junk)).isNotEqualTo("ok");
    }

    assertThat(IamCoverage.problems("ScannerValidateFunction")).isEmpty();
  }
}
