package com.boxoffice.shared.domain.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a job waits after its n-th failed attempt: 1 s, 5 s, 30 s, 5 min, 30 min by default,
 * the last step repeating. With the email queue's {@code maxReceiveCount} of 6 that is five waits
 * and a sixth attempt before redrive moves the job to the dead-letter queue.
 */
public record EmailBackoff(List<Duration> steps) {
  public static final String STANDARD = "1,5,30,300,1800";

  public EmailBackoff {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("at least one step");
    }
    steps = List.copyOf(steps);
  }

  /** Parses whole seconds separated by commas, e.g. {@code 1,5,30,300,1800}. */
  public static EmailBackoff parse(String seconds) {
    List<Duration> steps = new ArrayList<>();
    for (String s : seconds.split(",")) {
      long v = Long.parseLong(s.trim());
      if (v < 0 || v > 43_200) {
        throw new IllegalArgumentException("each step must be 0 to 43200 seconds");
      }
      steps.add(Duration.ofSeconds(v));
    }
    return new EmailBackoff(steps);
  }

  /** The wait after the attempt made on the {@code receiveCount}-th receive (from 1). */
  public Duration after(int receiveCount) {
    int i = Math.max(1, receiveCount) - 1;
    return steps.get(Math.min(i, steps.size() - 1));
  }
}
