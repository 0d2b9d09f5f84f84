package com.boxoffice.shared.domain.orgorders;

import java.util.Objects;

/** Who is acting: the organization the token acts for and the person (the token's subject). */
public record Organizer(String organizationId, String actor) {
  public Organizer {
    Objects.requireNonNull(organizationId, "organizationId");
    Objects.requireNonNull(actor, "actor");
  }
}
