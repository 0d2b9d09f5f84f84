package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in memory, with the DynamoDB store's rules: a key is free when absent,
 * past its retention, or in progress past its in-progress deadline (or given up); a completed key
 * with the same request replays, with another request is a mismatch. A claim that takes over a
 * lapsed claim of the same request is handed that claim's attempt text.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private record Entry(String validation, String attempt, Instant expiresAt, Instant inProgressUntil,
      StoredResponse response) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final Duration retention;

  public InMemoryIdempotencyStore(Duration retention) {
    this.retention = retention;
  }

  @Override
  public synchronized Claim claim(String id, String validation, String attempt, Instant now, Duration inProgressFor) {
    Entry e = entries.get(id);
    if (e == null || e.expiresAt().isBefore(now)) {
      entries.put(id, new Entry(validation, attempt, now.plus(retention), now.plus(inProgressFor), null));
      return new Claimed();
    }
    if (!e.validation().equals(validation)) {
      return new Mismatch();
    }
    if (e.response() != null) {
      return new Replay(e.response());
    }
    if (!e.inProgressUntil().isBefore(now)) {
      return new InProgress();
    }
    String kept = e.attempt() != null ? e.attempt() : attempt;
    entries.put(id, new Entry(validation, kept, now.plus(retention), now.plus(inProgressFor), null));
    return new Claimed(Optional.ofNullable(e.attempt()));
  }

  @Override
  public synchronized void complete(String id, StoredResponse response, Instant now) {
    Entry e = entries.get(id);
    entries.put(id, new Entry(e == null ? "" : e.validation(), null, now.plus(retention), now, response));
  }

  @Override
  public synchronized void release(String id) {
    entries.computeIfPresent(id, (k, e) -> new Entry(e.validation(), e.attempt(), e.expiresAt(), Instant.MIN, null));
  }

  /** How many keys are remembered (expired ones included until they are claimed again). */
  public synchronized int size() {
    return entries.size();
  }
}
