package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.door.AppliedScans;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.port.out.DoorStore;

/**
 * Writes the scan-log entry of every admission and exit from the change it made to the ticket
 * item: the door's one conditional write is also, through the stream, its log entry. The entry
 * is the one {@link DynamoDoorStore#log} writes for the scan (same key, a conditional put), so a
 * redelivered record leaves one entry. Changes to other items, and ticket changes no scan made,
 * are ignored.
 */
public final class ScanLogProjection implements TableProjection {
  private final DoorStore store;

  public ScanLogProjection(DoorStore store) {
    this.store = store;
  }

  @Override
  public void apply(TableChange change) {
    if (change.kind() != TableChange.Kind.MODIFY || !change.pk().startsWith("TICKET#")
        || !"TICKET".equals(change.sk())) {
      return;
    }
    TicketAtDoor before = change.oldImage().isEmpty() ? null : DynamoDoorStore.atDoor(change.oldImage());
    TicketAtDoor after = DynamoDoorStore.atDoor(change.newImage());
    AppliedScans.entryFor(before, after).ifPresent(store::log);
  }
}
