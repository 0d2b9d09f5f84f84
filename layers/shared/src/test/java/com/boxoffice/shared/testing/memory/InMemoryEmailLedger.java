package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.EmailLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link EmailLedger} in memory, with the DynamoDB ledger's conditions on claim, mark-sent, release and close. */
public final class InMemoryEmailLedger implements EmailLedger {
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, String> reasons = new HashMap<>();

  @Override
  public synchronized Optional<Entry> find(String jobId) {
    return Optional.ofNullable(entries.get(jobId));
  }

  /** Why a job was closed without a send, if it was. */
  public synchronized Optional<String> reason(String jobId) {
    return Optional.ofNullable(reasons.get(jobId));
  }

  /** Stores a record as it is, e.g. a sender that died holding the job. */
  public synchronized void put(Entry entry) {
    entries.put(entry.jobId(), entry);
  }

  @Override
  public synchronized Optional<Entry> claim(String jobId, String owner, Instant now, Instant leaseUntil) {
    Entry e = entries.get(jobId);
    boolean free = e == null || e.status() == Status.REJECTED
        || (e.status() == Status.SENDING && e.leaseUntil() != null && e.leaseUntil().isBefore(now));
    if (!free) {
      return Optional.of(e);
    }
    entries.put(jobId, new Entry(jobId, Status.SENDING, owner, leaseUntil, null, (e == null ? 0 : e.attempts()) + 1));
    return Optional.empty();
  }

  @Override
  public synchronized void markSent(String jobId, String owner, String messageId, Instant at) {
    Entry e = entries.get(jobId);
    if (e != null && owner.equals(e.owner())) {
      entries.put(jobId, new Entry(jobId, Status.SENT, owner, null, messageId, e.attempts()));
    }
  }

  @Override
  public synchronized void release(String jobId, String owner) {
    Entry e = entries.get(jobId);
    if (e != null && e.status() == Status.SENDING && owner.equals(e.owner())) {
      entries.put(jobId, new Entry(jobId, Status.SENDING, owner, Instant.EPOCH, e.messageId(), e.attempts()));
    }
  }

  @Override
  public synchronized void close(String jobId, Status status, String reason, Instant at) {
    Entry e = entries.get(jobId);
    if (e == null || e.status() == Status.SENDING || e.status() == Status.REJECTED) {
      entries.put(jobId, new Entry(jobId, status, e == null ? null : e.owner(), null, null, e == null ? 0 : e.attempts()));
      reasons.put(jobId, reason);
    }
  }
}
