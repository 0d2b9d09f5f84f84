package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link IdempotencyStore} in memory, with the DynamoDB store's rules: a key is free when absent,
 * past its retention, or in progress past its in-progress deadline; a completed key with the same
 * request replays, with another request is a mismatch.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private record Entry(String validation, Instant expiresAt, Instant inProgressUntil, StoredResponse response) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final Duration retention;

  public InMemoryIdempotencyStore(Duration retention) {
    this.retention = retention;
  }

  @Override
  public synchronized Claim claim(String id, String validation, Instant now, Duration inProgressFor) {
    Entry e = entries.get(id);
    boolean free = e == null || e.expiresAt().isBefore(now)
        || (e.response() == null && e.inProgressUntil().isBefore(now));
    if (free) {
      entries.put(id, new Entry(validation, now.plus(retention), now.plus(inProgressFor), null));
      return new Claimed();
    }
    if (!e.validation().equals(validation)) {
      return new Mismatch();
    }
    return e.response() != null ? new Replay(e.response()) : new InProgress();
  }

  @Override
  public synchronized void complete(String id, StoredResponse response, Instant now) {
    Entry e = entries.get(id);
    entries.put(id, new Entry(e == null ? "" : e.validation(), now.plus(retention), now, response));
  }

  @Override
  public synchronized void release(String id) {
    entries.remove(id);
  }

  /** How many keys are remembered (expired ones included until they are claimed again). */
  public synchronized int size() {
    return entries.size();
  }
}
