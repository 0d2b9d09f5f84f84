package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON events in events/scanner-validate/ (also used by sam local invoke) run through the handler. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {
  static final Path DIR = RepoRoot.find().resolve("events/scanner-validate");

  private static APIGatewayV2HTTPEvent load(String name) {
    return EventLoader.loadApiGatewayHttpEvent(DIR.resolve(name).toString());
  }

  private static APIGatewayV2HTTPEvent withCode(APIGatewayV2HTTPEvent e, String code) {
    e.setBody(e.getBody().replace("REPLACE-WITH-A-CODE-FROM-THE-ORDER-VIEW", code).replace("ABCD-EFGH-JKMN", code));
    return e;
  }

  @Test
  void everySampleGetsItsDocumentedAnswer(LocalAws aws, LocalResources res) throws IOException {
    var f = new ScanFixture(aws, res);
    f.event("evt-demo", false, false, true);
    f.assign("scanner-demo", "evt-demo", false);
    Ticket t = f.issue("evt-demo");
    String code = f.codes.codeFor(t);

    var entry = f.handler.handleRequest(withCode(load("scan-entry.json"), code), null);
    assertThat(ScanFixture.result(entry)).isEqualTo("ok");
    assertThat(json(entry).path("ticketId").asText()).isEqualTo(t.ticketId());
    var replay = f.handler.handleRequest(withCode(load("scan-entry.json"), code), null);
    assertThat(json(replay).path("replayed").asBoolean()).as("the sample's nonce, sent twice").isTrue();
    var exit = f.handler.handleRequest(withCode(load("scan-exit.json"), code), null);
    assertThat(ScanFixture.result(exit)).isEqualTo("ok");

    Ticket other = f.issue("evt-demo");
    String typed = f.codes.fallbackCodeFor(other).toLowerCase();
    var fallback = f.handler.handleRequest(withCode(load("scan-fallback-code.json"), typed), null);
    assertThat(ScanFixture.result(fallback)).isEqualTo("ok");
    assertThat(json(fallback).path("ticketId").asText()).isEqualTo(other.ticketId());

    var forged = f.handler.handleRequest(load("scan-forged-code.json"), null);
    assertThat(ScanFixture.result(forged)).isEqualTo("invalid");

    var anonymous = f.handler.handleRequest(load("scan-unauthenticated.json"), null);
    assertThat(anonymous.getStatusCode()).isEqualTo(401);

    f.assign("buyer-demo", "evt-demo", false);
    Ticket unscanned = f.issue("evt-demo");
    var buyer = f.handler.handleRequest(withCode(load("scan-buyer-token.json"), f.codes.codeFor(unscanned)), null);
    assertThat(buyer.getStatusCode()).isEqualTo(403);
    assertThat(json(buyer).path("error").path("code").asText()).isEqualTo("insufficient_scope");
    assertThat(f.ticketItem(unscanned.ticketId())).doesNotContainKey("firstAdmittedAt");

    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).as("every sample is exercised here")
          .isEqualTo(6);
    }
  }
}
