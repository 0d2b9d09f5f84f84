package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.AuditPage;
import java.util.Optional;

/** The organizers' audit log: every organizer action, kept per organization. */
public interface AuditLog {

  /** Records the entry; entries are never changed or removed. */
  void record(AuditEntry entry);

  /**
   * The organization's entries, newest first, at most {@code limit} of them, after the page the
   * cursor names (empty for the first page). An unreadable cursor is an {@link IllegalArgumentException}.
   */
  AuditPage list(String organizationId, Optional<String> cursor, int limit);
}
