package com.boxoffice.shared.domain.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a notification waits after its n-th attempt left a device to retry: 2 s, 10 s, 60 s,
 * 5 min, 15 min by default, the last step repeating until the push queue's redrive moves it to the
 * dead-letter queue.
 */
public record PushBackoff(List<Duration> steps) {
  public static final String STANDARD = "2,10,60,300,900";

  public PushBackoff {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("at least one step");
    }
    steps = List.copyOf(steps);
  }

  /** Parses whole seconds separated by commas. */
  public static PushBackoff parse(String seconds) {
    List<Duration> steps = new ArrayList<>();
    for (String s : seconds.split(",")) {
      long v = Long.parseLong(s.trim());
      if (v < 0 || v > 43_200) {
        throw new IllegalArgumentException("each step must be 0 to 43200 seconds");
      }
      steps.add(Duration.ofSeconds(v));
    }
    return new PushBackoff(steps);
  }

  public Duration after(int receiveCount) {
    int i = Math.max(1, receiveCount) - 1;
    return steps.get(Math.min(i, steps.size() - 1));
  }
}
