package com.boxoffice.shared.port.out;

import java.time.Duration;

/**
 * Collapse windows shared by every instance: the first notification with a collapse key for a user
 * in a window holds it, and later ones with the same key in that window are collapsed into it.
 */
public interface PushCollapse {

  /**
   * True when {@code notificationId} holds the window (it took it now, or had taken it before),
   * false when another notification holds it.
   */
  boolean hold(String userId, String collapseKey, String notificationId, Duration window);
}
