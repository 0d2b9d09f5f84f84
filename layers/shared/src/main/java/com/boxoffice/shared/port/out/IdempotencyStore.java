package com.boxoffice.shared.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers requests made under a client's {@code Idempotency-Key} and their responses, so a
 * repeated request is answered with the first one's response. Records follow the layout of
 * Powertools for AWS Lambda (Java) v2 idempotency, which can replace an implementation of this.
 */
public interface IdempotencyStore {

  /** A stored response: HTTP status and body text. */
  record StoredResponse(int status, String body) {}

  /** What a claim found. */
  sealed interface Claim permits Claimed, Replay, InProgress, Mismatch {}

  /**
   * Nobody has this key, or its earlier owner vanished before answering: the caller now owns it
   * and must complete or release it. {@code previousAttempt} is the attempt text the vanished
   * owner stored with the same request (kept in the record), so the caller can find what that
   * owner already did instead of doing it twice; empty for a fresh key.
   */
  record Claimed(Optional<String> previousAttempt) implements Claim {
    public Claimed() {
      this(Optional.empty());
    }
  }

  /** The key was used with the same request, which completed: answer with its response. */
  record Replay(StoredResponse response) implements Claim {}

  /** The key's first request is still running. */
  record InProgress() implements Claim {}

  /** The key was used with a different request. */
  record Mismatch() implements Claim {}

  /**
   * Claims {@code id} for a request whose payload hashes to {@code validation}, storing
   * {@code attempt} (opaque text, may be null) with the claim. When the claim takes over a lapsed
   * claim of the same request, the earlier attempt text stays in the record and is returned in
   * {@link Claimed#previousAttempt()}.
   *
   * @param inProgressFor how long the claim blocks others if its owner never completes it
   */
  Claim claim(String id, String validation, String attempt, Instant now, Duration inProgressFor);

  /** {@link #claim(String, String, String, Instant, Duration)} without attempt text. */
  default Claim claim(String id, String validation, Instant now, Duration inProgressFor) {
    return claim(id, validation, null, now, inProgressFor);
  }

  /** Stores the final response under a claimed id, kept for the store's retention. */
  void complete(String id, StoredResponse response, Instant now);

  /**
   * Gives up a claimed id without an answer, so the client may retry with the same key at once;
   * a retry of the same request is still handed this claim's attempt text.
   */
  void release(String id);
}
