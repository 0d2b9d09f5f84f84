package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.push.PushNotification;
import java.util.List;

/**
 * The only way anything sends a push: put a notification on the push queue. Queueing the same
 * notification id twice is harmless; each device gets it at most once. The organizer side calls
 * this with {@link PushNotification#eventChanged} when an event changes or is cancelled.
 */
public interface PushOutbox {
  /** For a function that sends no push (its wiring has no push queue). */
  PushOutbox NONE = notification -> { };

  void enqueue(PushNotification notification);

  /**
   * Queues several at once (the SQS outbox sends them in batches of ten); returns only when every
   * one is on the queue, and throws otherwise (queueing them again is harmless).
   */
  default void enqueueAll(List<PushNotification> notifications) {
    notifications.forEach(this::enqueue);
  }
}
