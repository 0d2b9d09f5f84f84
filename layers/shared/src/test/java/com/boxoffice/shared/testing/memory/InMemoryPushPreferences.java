package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.push.PushPreferences;
import com.boxoffice.shared.port.out.PushPreferenceStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PushPreferenceStore} in memory. */
public final class InMemoryPushPreferences implements PushPreferenceStore {
  private final Map<String, PushPreferences> stored = new ConcurrentHashMap<>();

  @Override
  public PushPreferences find(String userId) {
    return stored.getOrDefault(userId, PushPreferences.defaults());
  }

  @Override
  public void save(String userId, PushPreferences preferences) {
    stored.put(userId, preferences);
  }
}
