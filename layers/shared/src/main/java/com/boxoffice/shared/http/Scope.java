package com.boxoffice.shared.http;

/**
 * The roles a token can carry in its {@code scope} claim. A route names the one it needs; the
 * wire text is what identity providers are configured to issue and never changes.
 */
public enum Scope {
  /** A person buying tickets and reading their own orders. */
  BUYER("buyer"),
  /** A door device scanning tickets for the events it is assigned to. */
  SCANNER("scanner"),
  /** A person running events for one organization (the {@code org} claim). */
  ORGANIZER("organizer");

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
