package com.boxoffice.shared.domain.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryDoorStore;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What keeps an admission at one write: the door rules cached for a bounded time, only refused
 * scans counted against the scanner's limit, and the admission's log entry read from its change.
 */
@Tag("fast")
class DoorCachingAndLimitTest {
  static final Instant NOW = AdmissionsTest.NOW;
  static final String EVENT = AdmissionsTest.EVENT;
  static final Duration TTL = Duration.ofSeconds(5);

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryDoorStore store = new InMemoryDoorStore();
  final AtomicInteger ruleReads = new AtomicInteger();
  final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  final Admissions door = new Admissions(AdmissionsTest.CODES, new DoorRulesCache(new CountingRules(), clock, TTL),
      new RefusedScanLimit(limiter, 3, clock));
  int seq;

  DoorCachingAndLimitTest() {
    store.event(EVENT, false, false, true).assign("s1", EVENT, false).assign("s2", EVENT, false);
  }

  /** The in-memory store, counting the rule reads that reach it. */
  final class CountingRules implements DoorStore {
    @Override
    public DoorRules rules(String scannerId, String eventId) {
      ruleReads.incrementAndGet();
      return store.rules(scannerId, eventId);
    }

    @Override
    public Optional<FallbackEntry> fallback(String eventId, String normalizedCode) {
      return store.fallback(eventId, normalizedCode);
    }

    @Override
    public Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry) {
      return store.enter(ticketId, scan, allowReentry);
    }

    @Override
    public Redemption exit(String ticketId, ScanRequest scan) {
      return store.exit(ticketId, scan);
    }

    @Override
    public void log(ScanLogEntry entry) {
      store.log(entry);
    }
  }

  String code() {
    seq++;
    Ticket t = new Ticket(Ticket.idFor(String.format("ord_%024d", seq), 1), EVENT, "ord_" + seq, 1, "general",
        "General admission", "Ada Lovelace", TicketStatus.VALID, NOW, NOW.minus(Duration.ofHours(1)),
        NOW.plus(Duration.ofHours(6)));
    store.issue(t, AdmissionsTest.CODES.fallbackCodeFor(t));
    return AdmissionsTest.CODES.codeFor(t);
  }

  ScanResult entry(String scanner, String code) {
    return door.scan(new ScanRequest(scanner, EVENT, Direction.ENTRY, "n-" + (++seq), "north", code, clock.instant()));
  }

  @Test
  void theRulesAreReadOncePerScannerAndEventWithinTheCacheTime() {
    for (int i = 0; i < 5; i++) {
      assertThat(entry("s1", code()).result()).isEqualTo(ScanOutcome.OK);
    }
    assertThat(ruleReads.get()).isEqualTo(1);
    entry("s2", code());
    assertThat(ruleReads.get()).as("another scanner has rules of its own").isEqualTo(2);
    clock.advance(TTL);
    entry("s1", code());
    assertThat(ruleReads.get()).as("read again once the cache time is over").isEqualTo(3);
  }

  @Test
  void aRevocationTakesEffectAtMostTheCacheTimeLater() {
    assertThat(entry("s1", code()).admitted()).isTrue();
    store.assign("s1", EVENT, true);
    clock.advance(TTL.minusMillis(1));
    assertThat(entry("s1", code()).admitted()).as("still trusted within the bound").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> entry("s1", code())).isInstanceOf(ScannerNotAssignedException.class);
  }

  @Test
  void admissionsAreNotCountedAndRefusalsAreUntilTheLimitThenEverythingWaitsForTheWindow() {
    for (int i = 0; i < 10; i++) {
      assertThat(entry("s1", code()).admitted()).isTrue();
    }
    assertThat(limiter.totalUsed()).as("an admission pays nothing for the limit").isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(entry("s1", "junk").result()).isEqualTo(ScanOutcome.INVALID);
    }
    int logged = store.scanLog().size();
    assertThatThrownBy(() -> entry("s1", "junk")).isInstanceOf(ScanRateLimitedException.class);
    assertThat(store.scanLog()).as("a scan over the limit is not logged").hasSize(logged);
    int used = limiter.totalUsed();
    String fresh = code();
    assertThatThrownBy(() -> entry("s1", fresh)).as("remembered: refused without counting, admissions too")
        .isInstanceOf(ScanRateLimitedException.class);
    assertThat(limiter.totalUsed()).isEqualTo(used);
    assertThat(entry("s2", fresh).admitted()).as("per scanner").isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(entry("s1", "junk").result()).isEqualTo(ScanOutcome.INVALID);
  }

  @Test
  void aReplayedAdmissionIsNotCounted() {
    String code = code();
    var first = door.scan(new ScanRequest("s1", EVENT, Direction.ENTRY, "same", "north", code, clock.instant()));
    var again = door.scan(new ScanRequest("s1", EVENT, Direction.ENTRY, "same", "north", code, clock.instant()));
    assertThat(first.admitted()).isTrue();
    assertThat(again.replayed()).isTrue();
    assertThat(limiter.totalUsed()).isZero();
  }

  @Test
  void anAdmissionIsLoggedFromItsChangeAndAChangeNoScanMadeIsNot() {
    String code = code();
    var ok = entry("s1", code);
    var log = store.scanLog();
    assertThat(log).hasSize(1);
    assertThat(log.get(0).ticketId()).isEqualTo(ok.ticketId());
    assertThat(log.get(0).result().admitted()).isTrue();
    assertThat(log.get(0).keepUntil()).isNull();
    assertThat(log.get(0).scan().gate()).isEqualTo("north");

    TicketAtDoor before = new TicketAtDoor("t", EVENT, TicketStatus.VALID, "general", "GA", "Ada", true, NOW, 1, NOW,
        "north", "s1", "n-1", Direction.ENTRY, java.util.Set.of("n-1#s1"));
    TicketAtDoor revoked = new TicketAtDoor("t", EVENT, TicketStatus.REVOKED, "general", "GA", "Ada", true, NOW, 1,
        NOW, "north", "s1", "n-1", Direction.ENTRY, java.util.Set.of("n-1#s1"));
    assertThat(AppliedScans.entryFor(before, revoked)).as("a revocation is not a scan").isEmpty();
    TicketAtDoor reentered = new TicketAtDoor("t", EVENT, TicketStatus.VALID, "general", "GA", "Ada", true, NOW, 2,
        NOW.plusSeconds(60), "-", "s2", "n-9", Direction.ENTRY, java.util.Set.of("n-1#s1", "x-1#s2", "n-9#s2"));
    var entry = AppliedScans.entryFor(before, reentered).orElseThrow();
    assertThat(entry.result().reason()).isEqualTo(ScanReason.REENTRY);
    assertThat(entry.scan().gate()).as("no gate was sent").isNull();
    assertThat(entry.scan().at()).isEqualTo(NOW.plusSeconds(60));
  }
}
