package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.port.out.PushOutbox;
import java.util.ArrayList;
import java.util.List;

/** {@link PushOutbox} in memory: what was queued, in order. */
public final class InMemoryPushOutbox implements PushOutbox {
  private final List<PushNotification> queued = new ArrayList<>();

  @Override
  public synchronized void enqueue(PushNotification notification) {
    queued.add(notification);
  }

  public synchronized List<PushNotification> queued() {
    return List.copyOf(queued);
  }
}
