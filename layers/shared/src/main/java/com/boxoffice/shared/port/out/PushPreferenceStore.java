package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.push.PushPreferences;

/** Each buyer's push preferences; a buyer with none stored gets {@link PushPreferences#defaults()}. */
public interface PushPreferenceStore {
  PushPreferences find(String userId);

  void save(String userId, PushPreferences preferences);
}
