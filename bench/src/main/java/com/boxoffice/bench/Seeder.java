package com.boxoffice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Writes many items fast: BatchWriteItem of 25, several batches in flight, unprocessed items resent. */
final class Seeder {
  private Seeder() {}

  static void put(DynamoDbClient dynamo, String table, int from, int to, int threads,
      IntFunction<List<Map<String, AttributeValue>>> itemsFor) {
    List<WriteRequest> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      for (var item : itemsFor.apply(i)) {
        all.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int start = 0; start < all.size(); start += 25) {
        List<WriteRequest> batch = all.subList(start, Math.min(all.size(), start + 25));
        futures.add(pool.submit(() -> write(dynamo, table, batch)));
      }
      for (var f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("seeding failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    for (int attempt = 0; attempt < 10 && !pending.isEmpty(); attempt++) {
      var req = pending;
      var r = dynamo.batchWriteItem(b -> b.requestItems(req));
      pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException("items left unprocessed after 10 attempts");
    }
  }
}
