package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.door.AppliedScans;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.port.out.DoorStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    if (!addsAttempt(change)) {
      // Not a scan: a refund, a revocation, a reissued code. Not even read, so a ticket attribute
      // this projection does not know cannot hold up the stream.
      return;
    }
    TicketAtDoor before = change.oldImage().isEmpty() ? null : DynamoDoorStore.atDoor(change.oldImage());
    TicketAtDoor after = DynamoDoorStore.atDoor(change.newImage());
    AppliedScans.entryFor(before, after).ifPresent(store::log);
  }

  /** The change recorded a new attempt, the mark of an admission or an exit. */
  static boolean addsAttempt(TableChange change) {
    AttributeValue nonce = change.newImage().get("lastNonce");
    AttributeValue scanner = change.newImage().get("lastScannerId");
    AttributeValue attempts = change.newImage().get("attempts");
    if (nonce == null || scanner == null || attempts == null || !attempts.hasSs()) {
      return false;
    }
    String key = TicketAtDoor.attemptKey(scanner.s(), nonce.s());
    AttributeValue before = change.oldImage().get("attempts");
    return attempts.ss().contains(key) && (before == null || !before.hasSs() || !before.ss().contains(key));
  }
}
