package com.boxoffice.shared.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * One record per email job id that makes sending at most once per job: a job is claimed with a
 * lease before it is sent and marked sent right after, each a conditional write. A redelivered
 * job whose record says sent (or suppressed) is not sent again.
 */
public interface EmailLedger {

  enum Status { SENDING, SENT, SUPPRESSED, REJECTED }

  record Entry(String jobId, Status status, String owner, Instant leaseUntil, String messageId, int attempts) {}

  Optional<Entry> find(String jobId);

  /**
   * Takes the job for {@code owner} until {@code leaseUntil}. Succeeds when there is no record,
   * a REJECTED one (a redriven job gets another look), or a SENDING record whose lease has run
   * out (its sender died before it could say how it went). Otherwise returns the record that is
   * in the way.
   */
  Optional<Entry> claim(String jobId, String owner, Instant now, Instant leaseUntil);

  /** Records the send; only the lease owner can. */
  void markSent(String jobId, String owner, String messageId, Instant at);

  /** Gives the lease back after a failed send, so the next attempt can claim it at once. */
  void release(String jobId, String owner);

  /** Ends the job without a send: suppressed address or a job that can never be sent. */
  void close(String jobId, Status status, String reason, Instant at);
}
