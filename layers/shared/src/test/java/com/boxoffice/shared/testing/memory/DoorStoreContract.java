package com.boxoffice.shared.testing.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.door.ScannerAssignment;
import com.boxoffice.shared.domain.door.ScanRequest;
import java.util.List;
import com.boxoffice.shared.domain.door.ScanResult;
import com.boxoffice.shared.domain.door.ScanReason;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.port.out.DoorStore.Redemption;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DoorStore} must do, run against the in-memory store (fast tier) and the
 * DynamoDB one (on DynamoDB Local), so the fake the domain tests rely on behaves as the table does.
 */
public abstract class DoorStoreContract {
  protected static final Instant NOW = Instant.parse("2036-06-01T19:00:00Z");

  protected abstract DoorStore store();

  /** Stores an event with these door settings. */
  protected abstract void event(String eventId, DoorEvent event);

  protected abstract void assign(String scannerId, String eventId, boolean revoked);

  /** Stores an issued ticket. */
  protected abstract void issue(Ticket ticket);

  /**
   * The scan log of a ticket as {@code nonce:result}, once every change is in it (for the table:
   * after the stream's projection ran).
   */
  protected abstract List<String> scanLog(String ticketId);

  protected final String eventId = "evt-" + UUID.randomUUID().toString().substring(0, 8);

  protected Ticket ticket(TicketStatus status) {
    String orderId = "ord_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    Ticket t = new Ticket(Ticket.idFor(orderId, 1), eventId, orderId, 1, "general", "General admission",
        "Ada Lovelace", status, NOW, NOW.minusSeconds(3600), NOW.plusSeconds(3600));
    issue(t);
    return t;
  }

  static ScanRequest scan(String scanner, String eventId, Direction dir, String nonce, Instant at) {
    return new ScanRequest(scanner, eventId, dir, nonce, "north", "code", at);
  }

  @Test
  void anAppliedScanIsLoggedFromItsChangeAndALoggedScanOnceHoweverOftenItIsWritten() {
    Ticket t = ticket(TicketStatus.VALID);
    assertThat(store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW), false))
        .isInstanceOf(DoorStore.Redemption.Applied.class);
    ScanRequest again = scan("s2", eventId, Direction.ENTRY, "n-2", NOW.plusSeconds(1));
    assertThat(store().enter(t.ticketId(), again, false)).isInstanceOf(DoorStore.Redemption.Refused.class);
    var entry = new DoorStore.ScanLogEntry(again, t.ticketId(),
        ScanResult.refused(ScanReason.INSIDE, Direction.ENTRY, t.ticketId()), NOW.plusSeconds(86_400));
    store().log(entry);
    store().log(entry);

    assertThat(scanLog(t.ticketId())).containsExactlyInAnyOrder("n-1:ok", "n-2:already_redeemed");
  }

  @Test
  void rulesReportWhatIsStoredAndNothingMore() {
    event(eventId, new DoorEvent(EventStatus.CANCELLED, true, true, false));
    assign("s1", eventId, false);
    assign("gone", eventId, true);
    DoorStore.DoorRules rules = store().rules("s1", eventId);
    assertThat(rules.assignment()).contains(new ScannerAssignment(false));
    assertThat(rules.event()).contains(new DoorEvent(EventStatus.CANCELLED, true, true, false));
    assertThat(store().rules("gone", eventId).assignment()).contains(new ScannerAssignment(true));
    assertThat(store().rules("stranger", eventId).assignment()).isEmpty();
    assertThat(store().rules("s1", "evt-none-" + eventId).event()).isEmpty();
  }

  @Test
  void anEntryAppliesOnceAndRecordsItsAttempt() {
    Ticket t = ticket(TicketStatus.VALID);
    Redemption first = store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW), false);
    assertThat(first).isInstanceOfSatisfying(Redemption.Applied.class, a -> {
      assertThat(a.after().inside()).isTrue();
      assertThat(a.after().admissions()).isEqualTo(1);
      assertThat(a.after().firstAdmittedAt()).isEqualTo(NOW);
      assertThat(a.after().attempts()).containsExactly(TicketAtDoor.attemptKey("s1", "n-1"));
    });
    Redemption again = store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW.plusSeconds(1)),
        true);
    assertThat(again).isInstanceOfSatisfying(Redemption.Refused.class, r -> {
      assertThat(r.before().lastNonce()).isEqualTo("n-1");
      assertThat(r.before().lastScannerId()).isEqualTo("s1");
      assertThat(r.before().lastGate()).isEqualTo("north");
    });
  }

  @Test
  void anAttemptIsRefusedEvenAfterTheTicketMovedOnButAnotherDevicesSameNonceIsNew() {
    Ticket t = ticket(TicketStatus.VALID);
    store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW), true);
    assertThat(store().exit(t.ticketId(), scan("s2", eventId, Direction.EXIT, "x-1", NOW.plusSeconds(1))))
        .isInstanceOf(Redemption.Applied.class);
    assertThat(store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW.plusSeconds(2)), true))
        .as("the first entry's late retry").isInstanceOf(Redemption.Refused.class);
    assertThat(store().enter(t.ticketId(), scan("s2", eventId, Direction.ENTRY, "n-1", NOW.plusSeconds(3)), true))
        .as("another device's nonce that happens to match").isInstanceOfSatisfying(Redemption.Applied.class,
            a -> assertThat(a.after().admissions()).isEqualTo(2));
  }

  @Test
  void withoutReentryOnlyTheFirstEntryApplies() {
    Ticket t = ticket(TicketStatus.VALID);
    store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW), false);
    store().exit(t.ticketId(), scan("s1", eventId, Direction.EXIT, "x-1", NOW.plusSeconds(1)));
    assertThat(store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-2", NOW.plusSeconds(2)), false))
        .isInstanceOfSatisfying(Redemption.Refused.class, r -> {
          assertThat(r.before().inside()).isFalse();
          assertThat(r.before().lastDirection()).isEqualTo(Direction.EXIT);
        });
  }

  @Test
  void withoutReentryARetriedAdmissionIsRefusedWithItsOwnAttemptInTheTicket() {
    Ticket t = ticket(TicketStatus.VALID);
    store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW), false);
    assertThat(store().enter(t.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW.plusSeconds(1)), false))
        .isInstanceOfSatisfying(Redemption.Refused.class, r -> {
          assertThat(r.before().attempts()).containsExactly(TicketAtDoor.attemptKey("s1", "n-1"));
          assertThat(r.before().admissions()).isEqualTo(1);
          assertThat(r.before().firstAdmittedAt()).isEqualTo(NOW);
        });
  }

  @Test
  void refusedWritesReturnTheItemAsItWas() {
    assertThat(store().enter("ord_missing-1", scan("s1", eventId, Direction.ENTRY, "n-1", NOW), false))
        .isEqualTo(new Redemption.Refused(null));
    Ticket revoked = ticket(TicketStatus.REVOKED);
    assertThat(store().enter(revoked.ticketId(), scan("s1", eventId, Direction.ENTRY, "n-1", NOW), false))
        .isInstanceOfSatisfying(Redemption.Refused.class,
            r -> assertThat(r.before().status()).isEqualTo(TicketStatus.REVOKED));
    Ticket valid = ticket(TicketStatus.VALID);
    assertThat(store().enter(valid.ticketId(), scan("s1", "evt-other", Direction.ENTRY, "n-2", NOW), false))
        .isInstanceOfSatisfying(Redemption.Refused.class, r -> assertThat(r.before().eventId()).isEqualTo(eventId));
    assertThat(store().exit(valid.ticketId(), scan("s1", eventId, Direction.EXIT, "x-1", NOW)))
        .as("not inside").isInstanceOf(Redemption.Refused.class);
  }
}
