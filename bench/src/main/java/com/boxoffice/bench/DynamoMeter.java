package com.boxoffice.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An SDK interceptor on the benchmarked DynamoDB client: counts HTTP round trips (every attempt,
 * so retries show) and failed calls per operation, asks DynamoDB for the capacity each call
 * consumed ({@code ReturnConsumedCapacity=TOTAL}, added to every request the code under test
 * sends) and adds it up. The code under test is unchanged; only its client is instrumented.
 */
final class DynamoMeter implements ExecutionInterceptor {
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Round trips, calls that ended in an exception, and capacity units consumed, per operation. */
  record Usage(long roundTrips, long failures, double capacityUnits) {}

  private static final class Counter {
    final LongAdder roundTrips = new LongAdder();
    final LongAdder failures = new LongAdder();
    final DoubleAdder capacity = new DoubleAdder();
  }

  private Counter counter(ExecutionAttributes attrs) {
    String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return counters.computeIfAbsent(op == null ? "?" : op, k -> new Counter());
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attrs) {
    SdkRequest r = context.request();
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (r instanceof PutItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof UpdateItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof DeleteItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof GetItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof BatchGetItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof BatchWriteItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof QueryRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof TransactWriteItemsRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof TransactGetItemsRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    }
    return r;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
    counter(attrs).roundTrips.increment();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
    counter(attrs).capacity.add(units(context.response()));
  }

  /**
   * A refused conditional write is billed (at least one write unit) but DynamoDB reports no
   * consumed capacity with the exception, so it is counted here as one unit.
   */
  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
    Counter c = counter(attrs);
    c.failures.increment();
    String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (op != null && !isRead(op) && context.exception() instanceof
        software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException) {
      c.capacity.add(1.0);
    }
  }

  private static double units(SdkResponse r) {
    if (r instanceof PutItemResponse x) {
      return one(x.consumedCapacity());
    } else if (r instanceof UpdateItemResponse x) {
      return one(x.consumedCapacity());
    } else if (r instanceof DeleteItemResponse x) {
      return one(x.consumedCapacity());
    } else if (r instanceof GetItemResponse x) {
      return one(x.consumedCapacity());
    } else if (r instanceof QueryResponse x) {
      return one(x.consumedCapacity());
    } else if (r instanceof BatchGetItemResponse x) {
      return many(x.consumedCapacity());
    } else if (r instanceof BatchWriteItemResponse x) {
      return many(x.consumedCapacity());
    } else if (r instanceof TransactWriteItemsResponse x) {
      return many(x.consumedCapacity());
    } else if (r instanceof TransactGetItemsResponse x) {
      return many(x.consumedCapacity());
    }
    return 0;
  }

  private static double one(ConsumedCapacity c) {
    return c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
  }

  private static double many(List<ConsumedCapacity> cs) {
    return cs == null ? 0 : cs.stream().mapToDouble(DynamoMeter::one).sum();
  }

  /** What was counted so far, per operation name. */
  Map<String, Usage> snapshot() {
    Map<String, Usage> out = new TreeMap<>();
    counters.forEach((k, c) -> out.put(k, new Usage(c.roundTrips.sum(), c.failures.sum(), c.capacity.sum())));
    return out;
  }

  /** {@code after - before}, per operation, leaving out operations that did not run in between. */
  static Map<String, Usage> diff(Map<String, Usage> before, Map<String, Usage> after) {
    Map<String, Usage> out = new TreeMap<>();
    after.forEach((k, a) -> {
      Usage b = before.getOrDefault(k, new Usage(0, 0, 0));
      Usage d = new Usage(a.roundTrips() - b.roundTrips(), a.failures() - b.failures(),
          a.capacityUnits() - b.capacityUnits());
      if (d.roundTrips() > 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  static long totalTrips(Map<String, Usage> usage) {
    return usage.values().stream().mapToLong(Usage::roundTrips).sum();
  }

  static double totalUnits(Map<String, Usage> usage) {
    return usage.values().stream().mapToDouble(Usage::capacityUnits).sum();
  }

  static boolean isRead(String op) {
    return op.startsWith("Get") || op.startsWith("BatchGet") || op.equals("Query") || op.equals("Scan")
        || op.equals("TransactGetItems");
  }
}
