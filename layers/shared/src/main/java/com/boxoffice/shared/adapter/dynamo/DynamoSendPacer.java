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
 * {@code next} is reset with a conditional {@code SET}, the slot then {@link #IDLE_LEAD} ahead so
 * that the write taking it is done before it falls due. So slots are at least one interval apart
 * across every instance, with no burst at window edges, usually in one round trip. Slots are
 * instants of the instances' clocks, which Lambda keeps synchronised.
 */
public final class DynamoSendPacer implements SendPacer {
  /** How far ahead of now the first slot after an idle spell lies: longer than the write that takes it. */
  static final Duration IDLE_LEAD = Duration.ofMillis(25);
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
  public Optional<Instant> reserve(Duration maxWait) {
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
        return Optional.of(instant(slot));
      } catch (ConditionalCheckFailedException e) {
        old = e.hasItem() ? e.item() : Map.of();
      }
      AttributeValue next = old.get("next");
      if (next != null && Long.parseLong(next.n()) > latest) {
        return Optional.empty();
      }
      if (next == null || Long.parseLong(next.n()) < now) {
        long slot = now + Math.min(IDLE_LEAD.toNanos(), maxWait.toNanos()) / 1000;
        try {
          dynamo.updateItem(b -> b.tableName(table).key(key())
              .updateExpression("SET #n = :next")
              .conditionExpression("attribute_not_exists(#n) OR #n < :now")
              .expressionAttributeNames(Map.of("#n", "next"))
              .expressionAttributeValues(Map.of(
                  ":next", AttributeValue.fromN(Long.toString(slot + intervalMicros)),
                  ":now", AttributeValue.fromN(Long.toString(now)))));
          return Optional.of(instant(slot));
        } catch (ConditionalCheckFailedException raced) {
          // Another sender moved the slot first; take the next one.
        }
      }
    }
    return Optional.empty();
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }
}
