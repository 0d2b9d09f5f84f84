package com.boxoffice.shared.adapter.dynamo;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs a {@code TransactWriteItems} and reports which of its conditions failed instead of
 * throwing. A transaction cancelled only because another transaction touched the same items
 * ({@code TransactionConflict}; DynamoDB Local never produces it) is retried a few times with a
 * short random pause, since nothing was written.
 */
final class Transactions {
  private static final int ATTEMPTS = 6;

  private final DynamoDbClient dynamo;

  Transactions(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Empty when written; else the per-item cancellation reasons, in the order of {@code items}. */
  Optional<List<CancellationReason>> write(List<TransactWriteItem> items) {
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(b -> b.transactItems(items));
        return Optional.empty();
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        boolean conflictOnly = !reasons.isEmpty() && reasons.stream().allMatch(r -> r.code() == null
            || "None".equals(r.code()) || "TransactionConflict".equals(r.code()));
        if (!conflictOnly || attempt >= ATTEMPTS) {
          if (conflictOnly) {
            throw e;
          }
          return Optional.of(reasons);
        }
        pause(attempt);
      }
    }
  }

  static boolean failed(List<CancellationReason> reasons, int index) {
    return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  /**
   * The jitter's source. Not ThreadLocalRandom: its seed would be in a SnapStart snapshot, and
   * every container restored from it would back off in step with the others, which is what
   * jitter is there to prevent; SecureRandom draws fresh entropy from the system on every call.
   */
  private static final SecureRandom JITTER = new SecureRandom();

  private static void pause(int attempt) {
    try {
      Thread.sleep(JITTER.nextLong(5, 20L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
