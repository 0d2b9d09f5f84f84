package com.boxoffice.shared.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What a function built at init: its collaborators, or why it could not build them. A failed
 * build is not kept for the container's life: the next call after a backoff (1 s, doubling to one
 * minute) builds again, so a Secrets Manager or DynamoDB hiccup at start-up, or a secret set only
 * after the deploy, mends by itself. Until then every call gets the failure at once: the
 * {@link ConfigurationException} naming the setting, or an {@link Unavailable}.
 *
 * <p>A build that read secrets by ARN (see {@link SecretWatch}) is checked again every
 * {@link #SECRETS_TTL}: when a secret's value changed, the function is built again with it, so a
 * rotated Stripe key or a withdrawn QR key takes effect without a deploy; when the secrets cannot
 * be read just then, the current build stays in use and the check is tried again after a backoff.
 */
public final class Initialized<T> {
  /** How long secret values are trusted before they are read again. */
  public static final Duration SECRETS_TTL = Duration.ofMinutes(5);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(1);

  /** The build failed with something that is not a setting's fault; try again after {@code retryAt}. */
  public static final class Unavailable extends RuntimeException {
    private final Instant retryAt;

    Unavailable(RuntimeException cause, Instant retryAt) {
      super("start-up failed, tried again after " + retryAt + ": " + cause.getMessage(), cause);
      this.retryAt = retryAt;
    }

    public Instant retryAt() {
      return retryAt;
    }
  }

  private final Supplier<T> build;
  private final Logger log;
  private final Clock clock;
  private final Duration secretsTtl;

  private T value;
  private SecretWatch watch;
  private Instant checkSecretsAt;
  private RuntimeException failure;
  private Instant retryAt;
  private Duration backoff = FIRST_RETRY;

  Initialized(Supplier<T> build, Logger log, Clock clock, Duration secretsTtl) {
    this.build = build;
    this.log = log;
    this.clock = clock;
    this.secretsTtl = secretsTtl;
    if (build != null) {
      tryBuild();
    }
  }

  /** Builds now, at init; a failure is logged and tried again on a later call. */
  public static <T> Initialized<T> attempt(Supplier<T> build, Logger log) {
    return new Initialized<>(build, log, Clock.systemUTC(), SECRETS_TTL);
  }

  /** For tests and callers that control time. */
  public static <T> Initialized<T> attempt(Supplier<T> build, Logger log, Clock clock, Duration secretsTtl) {
    return new Initialized<>(build, log, clock, secretsTtl);
  }

  /** Something already built; never built again. */
  public static <T> Initialized<T> of(T value) {
    Initialized<T> done = new Initialized<>(null, null, Clock.systemUTC(), SECRETS_TTL);
    done.value = value;
    return done;
  }

  /**
   * The built value, built again first when a retry or a secrets check is due.
   *
   * @throws ConfigurationException the build's configuration error, naming the setting
   * @throws Unavailable any other build failure, with when it will be tried again
   */
  public synchronized T get() {
    Instant now = clock.instant();
    if (value == null) {
      if (build != null && !now.isBefore(retryAt)) {
        tryBuild();
      }
      if (value == null) {
        throw failure instanceof ConfigurationException c ? c : new Unavailable(failure, retryAt);
      }
    } else if (checkSecretsAt != null && !now.isBefore(checkSecretsAt)) {
      refreshSecrets(now);
    }
    return value;
  }

  /**
   * After a SnapStart restore: the times set before the snapshot say nothing about now, so a build
   * that failed is tried again on the next call, and secrets read before the snapshot are checked
   * on the next call (a rotated key is not used a moment longer than on a fresh start).
   */
  public synchronized void restored() {
    if (value == null) {
      retryAt = clock.instant();
      backoff = FIRST_RETRY;
    } else if (checkSecretsAt != null) {
      checkSecretsAt = clock.instant();
    }
  }

  /** Seconds until the next build attempt, at least 1; for a Retry-After header. */
  public synchronized long retryAfterSeconds() {
    return retryAt == null ? 1 : Math.max(1, (Duration.between(clock.instant(), retryAt).toMillis() + 999) / 1000);
  }

  private void tryBuild() {
    SecretWatch reads = new SecretWatch();
    try {
      T built = reads.during(build);
      value = built;
      watch = reads;
      failure = null;
      backoff = FIRST_RETRY;
      checkSecretsAt = reads.isEmpty() ? null : clock.instant().plus(secretsTtl);
    } catch (RuntimeException e) {
      failure = e;
      retryAt = clock.instant().plus(backoff);
      log.error("start-up failed; trying again in {} ms: {}", backoff.toMillis(), describe(e));
      backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
    }
  }

  private void refreshSecrets(Instant now) {
    boolean changed;
    try {
      changed = watch.changed();
    } catch (RuntimeException e) {
      checkSecretsAt = now.plus(backoff);
      log.warn("secrets could not be read again; keeping the current ones for {} ms: {}", backoff.toMillis(),
          e.getClass().getSimpleName());
      backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
      return;
    }
    backoff = FIRST_RETRY;
    if (!changed) {
      checkSecretsAt = now.plus(secretsTtl);
      return;
    }
    T previous = value;
    SecretWatch previousWatch = watch;
    tryBuild();
    if (value == null || failure != null) {
      // The new values do not make a working function: keep the one that works and say so.
      value = previous;
      watch = previousWatch;
      failure = null;
      checkSecretsAt = retryAt;
    } else {
      log.info("secrets changed; collaborators built again with the new values");
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof ConfigurationException || e instanceof SecretUnavailableException
        ? e.getMessage() : e.getClass().getSimpleName();
  }
}
