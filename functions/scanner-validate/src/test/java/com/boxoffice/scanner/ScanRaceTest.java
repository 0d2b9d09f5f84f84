package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.EVENT;
import static com.boxoffice.scanner.ScanFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many scanners scanning one ticket at once: the conditional write lets exactly one of them in. */
@ExtendWith(LocalAwsExtension.class)
class ScanRaceTest {
  static final int SCANNERS = 200;

  @Test
  void twoHundredConcurrentScansOfOneTicketAdmitExactlyOnce(LocalAws aws, LocalResources res) throws Exception {
    var f = new ScanFixture(aws, res);
    f.event(EVENT, false, false, true);
    for (int i = 0; i < SCANNERS; i++) {
      f.assign("gate-scanner-" + i, EVENT, false);
    }
    Ticket ticket = f.issue(EVENT);
    String code = f.codes.codeFor(ticket);

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < SCANNERS; i++) {
        String scanner = "gate-scanner-" + i;
        futures.add(pool.submit(() -> {
          start.await();
          return f.entry(scanner, code);
        }));
      }
      start.countDown();
      List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
      for (var fu : futures) {
        responses.add(fu.get());
      }
      Map<String, Long> byResult = responses.stream()
          .collect(Collectors.groupingBy(ScanFixture::result, Collectors.counting()));
      assertThat(byResult).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 1L, "already_redeemed", (long) SCANNERS - 1));

      var winner = json(responses.stream().filter(r -> "ok".equals(ScanFixture.result(r))).findFirst().orElseThrow());
      String winningScanner = f.ticketItem(ticket.ticketId()).get("lastScannerId").s();
      for (var r : responses) {
        var body = json(r);
        if (body.path("result").asText().equals("already_redeemed")) {
          assertThat(body.path("previous").path("scannerId").asText()).as("who admitted it, from the refused write")
              .isEqualTo(winningScanner);
          assertThat(body.path("previous").path("gate").asText()).isEqualTo("north");
          assertThat(body.path("firstAdmittedAt").asText()).isEqualTo(winner.path("firstAdmittedAt").asText());
        }
      }
      var item = f.ticketItem(ticket.ticketId());
      assertThat(item.get("admissions").n()).isEqualTo("1");
      assertThat(item.get("inside").bool()).isTrue();
      assertThat(f.scanLog(ticket.ticketId())).as("every scan is in the scan log").hasSize(SCANNERS);
    } finally {
      pool.shutdownNow();
    }
  }
}
