package com.boxoffice.shared.domain.door;

import java.util.Locale;

/** Whether a scan lets someone in or records them leaving. */
public enum Direction {
  ENTRY,
  EXIT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
