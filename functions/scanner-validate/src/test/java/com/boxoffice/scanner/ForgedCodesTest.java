package com.boxoffice.scanner;

import static com.boxoffice.scanner.ScanFixture.EVENT;
import static com.boxoffice.scanner.ScanFixture.OTHER_EVENT;
import static com.boxoffice.scanner.ScanFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten thousand codes that are not this event's genuine codes (mutated, truncated, extended,
 * signed with another secret or an unknown key, issued for another event) sent through the
 * handler: none admits, and each is refused with the reason its kind of damage calls for.
 */
@ExtendWith(LocalAwsExtension.class)
class ForgedCodesTest {
  static final int CODES = 10_000;
  static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  @Test
  void tenThousandDamagedOrForeignCodesAdmitNobodyAndEachSaysWhy(LocalAws aws, LocalResources res) throws Exception {
    var f = new ScanFixture(aws, res, ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of()), 100_000);
    f.event(EVENT, false, false, true);
    f.assign("s1", EVENT, false);
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tickets.add(f.issue(EVENT));
    }
    Ticket foreign = f.issue(OTHER_EVENT);
    var otherSecret = new SignedTicketCodes(SigningKeysSetting.parse(
        ScanFixture.keysJson(Map.of("k1", ScanFixture.secret()), "k1", Map.of()), "test"));
    var unknownKey = new SignedTicketCodes(SigningKeysSetting.parse(
        ScanFixture.keysJson(Map.of("k9", ScanFixture.secret()), "k9", Map.of()), "test"));

    Random random = new Random(20361);
    record Forged(String kind, String code, Set<String> reasons) {}
    List<Forged> forged = new ArrayList<>();
    Set<String> damaged = Set.of("malformed", "bad_signature", "unknown_version", "unknown_key",
        "unknown_fallback_code");
    for (int i = 0; i < CODES; i++) {
      Ticket t = tickets.get(random.nextInt(tickets.size()));
      String genuine = f.codes.codeFor(t);
      switch (i % 7) {
        case 0 -> {
          char[] c = genuine.toCharArray();
          int at = random.nextInt(c.length);
          char replacement;
          do {
            replacement = BASE45.charAt(random.nextInt(BASE45.length()));
          } while (replacement == c[at]);
          c[at] = replacement;
          forged.add(new Forged("substituted", new String(c), damaged));
        }
        case 1 -> forged.add(new Forged("truncated", genuine.substring(0, 1 + random.nextInt(genuine.length() - 1)),
            damaged));
        case 2 -> {
          StringBuilder b = new StringBuilder(genuine);
          int extra = 1 + random.nextInt(6);
          for (int k = 0; k < extra; k++) {
            b.append(BASE45.charAt(random.nextInt(BASE45.length())));
          }
          forged.add(new Forged("extended", b.toString(), damaged));
        }
        case 3 -> forged.add(new Forged("other_secret_same_key_id", otherSecret.codeFor(t), Set.of("bad_signature")));
        case 4 -> forged.add(new Forged("unknown_key_id", unknownKey.codeFor(t), Set.of("unknown_key")));
        case 5 -> forged.add(new Forged("other_event", f.codes.codeFor(foreign), Set.of("code_for_other_event")));
        default -> {
          byte[] junk = new byte[1 + random.nextInt(60)];
          random.nextBytes(junk);
          String text = random.nextBoolean() ? BASE45Encode(junk) : UUID.randomUUID().toString().toUpperCase();
          forged.add(new Forged("random", text, damaged));
        }
      }
    }

    Map<String, Map<String, AtomicInteger>> reasonsByKind = new ConcurrentHashMap<>();
    AtomicInteger admitted = new AtomicInteger();
    List<String> wrongReasons = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Forged x : forged) {
        futures.add(pool.submit(() -> {
          var r = f.scan("s1", x.code(), EVENT, "entry", UUID.randomUUID().toString());
          var body = json(r);
          if (r.getStatusCode() != 200) {
            wrongReasons.add(x.kind() + " " + x.code() + " -> " + r.getStatusCode() + " " + r.getBody());
            return;
          }
          if ("ok".equals(body.path("result").asText())) {
            admitted.incrementAndGet();
          }
          String reason = body.path("reason").asText();
          if (!x.reasons().contains(reason)) {
            wrongReasons.add(x.kind() + " " + x.code() + " -> " + r.getBody());
          }
          reasonsByKind.computeIfAbsent(x.kind(), k -> new ConcurrentHashMap<>())
              .computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
        }));
      }
      for (var fu : futures) {
        fu.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("forged codes by kind and reason: " + new TreeMap<>(reasonsByKind));
    assertThat(admitted.get()).isZero();
    assertThat(wrongReasons).isEmpty();
    assertThat(reasonsByKind.values().stream().mapToInt(m -> m.values().stream().mapToInt(AtomicInteger::get).sum()).sum())
        .isEqualTo(CODES);
    for (Ticket t : tickets) {
      assertThat(f.ticketItem(t.ticketId())).as("nobody was let in").doesNotContainKey("firstAdmittedAt");
    }
    assertThat(ScanFixture.result(f.entry("s1", f.codes.codeFor(tickets.get(0))))).as("the genuine code still admits")
        .isEqualTo("ok");
  }

  private static String BASE45Encode(byte[] data) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i + 1 < data.length; i += 2) {
      int n = ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
      out.append(BASE45.charAt(n % 45)).append(BASE45.charAt((n / 45) % 45)).append(BASE45.charAt(n / 2025));
    }
    if (i < data.length) {
      int n = data[i] & 0xFF;
      out.append(BASE45.charAt(n % 45)).append(BASE45.charAt(n / 45));
    }
    return out.toString();
  }
}
