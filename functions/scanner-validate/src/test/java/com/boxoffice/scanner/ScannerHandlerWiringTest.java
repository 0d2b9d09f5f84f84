package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler as the local runner builds it: from an environment, with real clients. */
@ExtendWith(LocalAwsExtension.class)
class ScannerHandlerWiringTest {

  @BeforeAll
  static void localCredentials() {
    TestEnvironments.useLocalCredentials();
  }

  private static Map<String, String> env(LocalAws aws, LocalResources res, String keys) {
    Map<String, String> env = TestEnvironments.onLocalAws(aws, res);
    env.put("QR_SIGNING_KEYS", keys);
    env.put("SCANNER_RATE_LIMIT_PER_MINUTE", "360");
    return env;
  }

  @Test
  void theEnvironmentConstructorWiresARealScanner(LocalAws aws, LocalResources res) {
    String keys = ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of());
    var f = new ScanFixture(aws, res, keys, 360);
    f.event("evt-demo", false, false, true);
    f.assign("scanner-demo", "evt-demo", false);
    var ticket = f.issue("evt-demo");
    ticket = new com.boxoffice.shared.domain.ticket.Ticket(ticket.ticketId(), ticket.eventId(), ticket.orderId(), 1,
        "general", "General admission", "Ada", ticket.status(), ticket.issuedAt(), java.time.Instant.now().minusSeconds(60),
        java.time.Instant.now().plusSeconds(3600));
    f.store(ticket);
    String code = new SignedTicketCodes(SigningKeysSetting.parse(keys, SigningKeysSetting.NAME)).codeFor(ticket);
    var handler = new ScannerValidateHandler(new Env(env(aws, res, keys)));

    var r = handler.handleRequest(ScanFixture.event("scanner-demo",
        ScanFixture.body(code, "evt-demo", "entry", UUID.randomUUID().toString(), "north")), null);

    assertThat(ScanFixture.result(r)).isEqualTo("ok");
  }

  @Test
  void missingOrMalformedKeysAreAConfigurationErrorThatNamesNoSetting(LocalAws aws, LocalResources res) {
    var env = env(aws, res, "{\"active\":\"k1\",\"keys\":{}}");
    var r = new ScannerValidateHandler(new Env(env)).handleRequest(ScanFixture.event("scanner-demo", "{}"), null);
    assertThat(r.getStatusCode()).isEqualTo(503);
    assertThat(json(r).at("/error/code").asText()).isEqualTo("configuration_error");
    assertThat(r.getBody()).doesNotContain("QR_SIGNING_KEYS");

    env.remove("QR_SIGNING_KEYS");
    var missing = new ScannerValidateHandler(new Env(env)).handleRequest(ScanFixture.event("scanner-demo", "{}"), null);
    assertThat(json(missing).at("/error/code").asText()).isEqualTo("configuration_error");
    assertThat(missing.getBody()).doesNotContain("QR_SIGNING_KEYS");

    env.put("QR_SIGNING_KEYS", ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of()));
    env.put("SCANNER_RATE_LIMIT_PER_MINUTE", "0");
    var badLimit = new ScannerValidateHandler(new Env(env)).handleRequest(ScanFixture.event("scanner-demo", "{}"), null);
    assertThat(json(badLimit).at("/error/code").asText()).isEqualTo("configuration_error");
    assertThat(badLimit.getBody()).doesNotContain("SCANNER_RATE_LIMIT_PER_MINUTE");
  }
}
