package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.StripeEventLedger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link StripeEventLedger} in memory, with the same claim rules as the DynamoDB one: a new,
 * released or lease-expired record is claimable, a QUEUED one only by the retry processor, a DONE
 * one never; completing, queueing and releasing need the caller's own lease. Also keeps the audit
 * entries completion writes, so tests can count them.
 */
public final class InMemoryStripeEventLedger implements StripeEventLedger {

  /** One ledger record. */
  public record Entry(String status, String owner, Instant leaseUntil, Completion completion, int attempts,
      String lastError) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Completion> audits = new LinkedHashMap<>();

  @Override
  public synchronized Claim claim(String eventId, String type, String owner, Instant now, Instant leaseUntil,
      boolean takeQueued) {
    Entry e = entries.get(eventId);
    boolean claimable = e == null || e.status().equals("FAILED")
        || (e.status().equals("PROCESSING") && e.leaseUntil().isBefore(now))
        || (takeQueued && e.status().equals("QUEUED"));
    if (claimable) {
      entries.put(eventId, new Entry("PROCESSING", owner, leaseUntil, null, e == null ? 1 : e.attempts() + 1,
          e == null ? null : e.lastError()));
      return new Claim(ClaimState.ACQUIRED, null);
    }
    return switch (e.status()) {
      case "DONE" -> new Claim(ClaimState.DONE, e.completion().outcome());
      case "QUEUED" -> new Claim(ClaimState.QUEUED, null);
      default -> new Claim(ClaimState.BUSY, null);
    };
  }

  @Override
  public synchronized boolean complete(String eventId, String owner, Completion completion, Instant now) {
    Entry e = entries.get(eventId);
    if (e == null || !e.status().equals("PROCESSING") || !owner.equals(e.owner())) {
      return false;
    }
    entries.put(eventId, new Entry("DONE", null, null, completion, e.attempts(), e.lastError()));
    if (completion.orderId() != null) {
      audits.put(completion.orderId() + "/" + eventId, completion);
    }
    return true;
  }

  @Override
  public synchronized void markQueued(String eventId, String owner, String reason, Instant now) {
    move(eventId, owner, "QUEUED", reason);
  }

  @Override
  public synchronized void release(String eventId, String owner, String reason, Instant now) {
    move(eventId, owner, "FAILED", reason);
  }

  private void move(String eventId, String owner, String status, String reason) {
    Entry e = entries.get(eventId);
    if (e != null && e.status().equals("PROCESSING") && owner.equals(e.owner())) {
      entries.put(eventId, new Entry(status, null, null, null, e.attempts(), reason));
    }
  }

  public synchronized Optional<Entry> entry(String eventId) {
    return Optional.ofNullable(entries.get(eventId));
  }

  /** The outcome a DONE event was recorded with. */
  public synchronized Optional<String> outcome(String eventId) {
    return entry(eventId).map(Entry::completion).map(Completion::outcome);
  }

  /** Audit entries as {@code <orderId>/<eventId>}. */
  public synchronized List<String> audits() {
    return List.copyOf(audits.keySet());
  }
}
