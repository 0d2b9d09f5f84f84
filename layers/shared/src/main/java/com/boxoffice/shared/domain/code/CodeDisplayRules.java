package com.boxoffice.shared.domain.code;

import java.time.Duration;

/**
 * How an event's tickets are shown to their buyers (the event item's {@code rotatingCodes},
 * {@code printedCodesAllowed} and {@code rotationStepSeconds}): with rotating codes the buyer's
 * app gets a {@link RotatingCodeSeed}; without printed codes the static code is not shown at all,
 * since the door would refuse it, and the typed fallback is all a mail or a print-out carries.
 */
public record CodeDisplayRules(boolean rotatingCodes, boolean printedCodesAllowed, Duration step) {
  /** The step apps rotate at when the event names none. */
  public static final Duration DEFAULT_STEP = Duration.ofSeconds(15);
  /** Printable codes only: an event without rotation, or one the store does not know. */
  public static final CodeDisplayRules STATIC = new CodeDisplayRules(false, true, DEFAULT_STEP);

  public CodeDisplayRules {
    if (step == null || step.toSeconds() < 1 || step.toSeconds() > 255) {
      step = DEFAULT_STEP;
    }
  }

  /** Whether the static (printable) code is worth showing: the door accepts it. */
  public boolean showsStaticCode() {
    return !rotatingCodes || printedCodesAllowed;
  }
}
