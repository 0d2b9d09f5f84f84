package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.organizer.AuditEntry;
import com.boxoffice.shared.domain.organizer.AuditPage;
import com.boxoffice.shared.port.out.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AuditLog} in memory; the cursor is the index of the next entry, newest first. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void record(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized AuditPage list(String organizationId, Optional<String> cursor, int limit) {
    List<AuditEntry> mine = new ArrayList<>(entries.stream().filter(e -> e.organizationId().equals(organizationId)).toList());
    java.util.Collections.reverse(mine);
    int from;
    try {
      from = cursor.map(Integer::parseInt).orElse(0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unreadable cursor");
    }
    int to = Math.min(mine.size(), from + limit);
    return new AuditPage(mine.subList(Math.min(from, to), to),
        to < mine.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
  }

  /** Every entry ever recorded, oldest first. */
  public synchronized List<AuditEntry> all() {
    return List.copyOf(entries);
  }
}
