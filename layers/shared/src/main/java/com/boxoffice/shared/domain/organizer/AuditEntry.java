package com.boxoffice.shared.domain.organizer;

import java.time.Instant;
import java.util.Objects;

/**
 * One organizer action: who ({@code actor}, the token's subject), what ({@code action} on
 * {@code targetType}/{@code targetId}), when, and the record before and after as JSON text
 * ({@code null} where there was none, e.g. before a create). The entry belongs to the organization
 * the token acted for and is listed only to it. It never holds ticket codes or secrets.
 */
public record AuditEntry(
    String organizationId, String actor, String action, String targetType, String targetId, Instant at,
    String before, String after) {

  public AuditEntry {
    Objects.requireNonNull(organizationId, "organizationId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(at, "at");
  }

  public static AuditEntry of(String organizationId, String actor, AuditedAction action, String targetType,
      String targetId, Instant at, String before, String after) {
    return new AuditEntry(organizationId, actor, action.wire(), targetType, targetId, at, before, after);
  }
}
