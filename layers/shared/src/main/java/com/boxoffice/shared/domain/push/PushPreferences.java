package com.boxoffice.shared.domain.push;

import java.util.EnumMap;
import java.util.Map;

/**
 * A buyer's switch per {@link PushCategory}. A buyer who never said anything gets every category:
 * they registered a device to hear about their orders and events.
 */
public record PushPreferences(Map<PushCategory, Boolean> enabled) {
  public PushPreferences {
    Map<PushCategory, Boolean> all = new EnumMap<>(PushCategory.class);
    for (PushCategory c : PushCategory.values()) {
      all.put(c, enabled == null ? true : enabled.getOrDefault(c, true));
    }
    enabled = Map.copyOf(all);
  }

  public static PushPreferences defaults() {
    return new PushPreferences(Map.of());
  }

  public boolean allows(PushCategory category) {
    return enabled.get(category);
  }

  /** These preferences with {@code changes} applied on top. */
  public PushPreferences with(Map<PushCategory, Boolean> changes) {
    Map<PushCategory, Boolean> merged = new EnumMap<>(enabled);
    merged.putAll(changes);
    return new PushPreferences(merged);
  }
}
