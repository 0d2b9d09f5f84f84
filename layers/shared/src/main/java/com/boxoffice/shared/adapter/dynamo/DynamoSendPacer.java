package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.SendPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * An even send rate shared through one item of the main table ({@code pk = PACER#<name>},
 * {@code sk = SLOTS}): {@code next} is the next free slot in epoch microseconds. Reserving a slot
 * is an atomic {@code ADD next :interval} while {@code next} lies between now and now + the
 * longest wait; when the pacer has been idle ({@code next} in the past) the slot is now and
 * {@code next} is reset with a conditional {@code SET}. So sends are spaced exactly one interval
 * apart across every instance, with no burst at window edges, usually in one round trip.
 */
public final class DynamoSendPacer implements SendPacer {
  private final DynamoDbClient dynamo;
  private final String table;
  private final String name;
  private final long intervalMicros;
  private final Clock clock;

  public DynamoSendPacer(DynamoDbClient dynamo, String table, String name, double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.dynamo = dynamo;
    this.table = table;
    this.name = name;
    this.intervalMicros = Math.max(1, Math.round(1_000_000 / perSecond));
    this.clock = clock;
  }

  private Map<String, AttributeValue> key() {
    return Map.of("pk", AttributeValue.fromS("PACER#" + name), "sk", AttributeValue.fromS("SLOTS"));
  }

  @Override
  public Optional<Duration> reserve(Duration maxWait) {
    for (int attempt = 0; attempt < 8; attempt++) {
      long now = micros(clock.instant());
      long latest = now + maxWait.toNanos() / 1000;
      Map<String, AttributeValue> old;
      try {
        var result = dynamo.updateItem(b -> b.tableName(table).key(key())
            .updateExpression("ADD #n :i")
            .conditionExpression("#n >= :now AND #n <= :latest")
            .expressionAttributeNames(Map.of("#n", "next"))
            .expressionAttributeValues(Map.of(
                ":i", AttributeValue.fromN(Long.toString(intervalMicros)),
                ":now", AttributeValue.fromN(Long.toString(now)),
                ":latest", AttributeValue.fromN(Long.toString(latest))))
            .returnValues(ReturnValue.UPDATED_NEW)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        long slot = Long.parseLong(result.attributes().get("next").n()) - intervalMicros;
        return Optional.of(Duration.ofNanos(Math.max(0, slot - now) * 1000));
      } catch (ConditionalCheckFailedException e) {
        old = e.hasItem() ? e.item() : Map.of();
      }
      AttributeValue next = old.get("next");
      if (next != null && Long.parseLong(next.n()) > latest) {
        return Optional.empty();
      }
      if (next == null || Long.parseLong(next.n()) < now) {
        try {
          dynamo.updateItem(b -> b.tableName(table).key(key())
              .updateExpression("SET #n = :next")
              .conditionExpression("attribute_not_exists(#n) OR #n < :now")
              .expressionAttributeNames(Map.of("#n", "next"))
              .expressionAttributeValues(Map.of(
                  ":next", AttributeValue.fromN(Long.toString(now + intervalMicros)),
                  ":now", AttributeValue.fromN(Long.toString(now)))));
          return Optional.of(Duration.ZERO);
        } catch (ConditionalCheckFailedException raced) {
          // Another sender moved the slot first; take the next one.
        }
      }
    }
    return Optional.empty();
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }
}
