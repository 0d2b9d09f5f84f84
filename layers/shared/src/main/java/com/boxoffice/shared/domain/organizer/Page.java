package com.boxoffice.shared.domain.organizer;

import java.util.List;
import java.util.Optional;

/** One page of a listing; {@code next} is the opaque cursor of the page after it. */
public record Page<T>(List<T> items, Optional<String> next) {
  public Page {
    items = List.copyOf(items);
  }
}
