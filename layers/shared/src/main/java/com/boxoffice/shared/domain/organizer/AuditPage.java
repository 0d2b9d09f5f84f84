package com.boxoffice.shared.domain.organizer;

import java.util.List;
import java.util.Optional;

/** A page of the audit log, newest first; {@code next} is the opaque cursor of the page after it. */
public record AuditPage(List<AuditEntry> entries, Optional<String> next) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
