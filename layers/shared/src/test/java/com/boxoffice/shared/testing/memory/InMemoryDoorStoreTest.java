package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.DoorStore;
import java.util.List;
import org.junit.jupiter.api.Tag;

/** The door store contract on the in-memory store. */
@Tag("fast")
class InMemoryDoorStoreTest extends DoorStoreContract {
  private final InMemoryDoorStore store = new InMemoryDoorStore();

  @Override
  protected DoorStore store() {
    return store;
  }

  @Override
  protected void event(String eventId, DoorEvent event) {
    store.event(eventId, event);
  }

  @Override
  protected void assign(String scannerId, String eventId, boolean revoked) {
    store.assign(scannerId, eventId, revoked);
  }

  @Override
  protected void issue(Ticket ticket) {
    store.issue(ticket, null);
  }

  @Override
  protected List<String> scanLog(String ticketId) {
    return store.scanLog().stream().filter(e -> ticketId.equals(e.ticketId()))
        .map(e -> e.scan().nonce() + ":" + e.result().result().wire()).toList();
  }
}
