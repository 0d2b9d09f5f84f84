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
 * is an atomic {@code ADD next :interval} while {@code next} lies between soon and now + the
 * longest wait. "Soon" is a little ahead of now, so that the write taking a slot is back before
 * the slot falls due: the recent round trip, at least {@link #IDLE_LEAD}, at most {@link #MAX_LEAD}. When
 * {@code next} is earlier than that (the pacer has been idle) the slot is soon and {@code next} is
 * reset with a conditional {@code SET}; a free slot too close to be reached is skipped, never
 * handed out late. So slots are at least one interval apart across every instance, with no burst
 * at window edges, usually in one round trip. Slots are instants of the instances' clocks, which
 * Lambda keeps synchronised.
 */
public final class DynamoSendPacer implements SendPacer {
  /** How far ahead of now the first slot after an idle spell lies at least: longer than the write that takes it. */
  static final Duration IDLE_LEAD = Duration.ofMillis(25);
  /** However slow the round trips were lately, a slot this far ahead is handed out. */
  static final Duration MAX_LEAD = Duration.ofMillis(250);
  private final DynamoDbClient dynamo;
  private final String table;
  private final String name;
  private final long intervalMicros;
  private final Clock clock;
  /** Recent round trips of a reservation (a moving average); racy updates only blur it. */
  private volatile long roundTripMicros;

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
      // A slot closer than this would be past by the time the answer is back: it is skipped.
      long soon = now + Math.min(maxWait.toNanos() / 1000, lead());
      Map<String, AttributeValue> old;
      try {
        var result = dynamo.updateItem(b -> b.tableName(table).key(key())
            .updateExpression("ADD #n :i")
            .conditionExpression("#n >= :soon AND #n <= :latest")
            .expressionAttributeNames(Map.of("#n", "next"))
            .expressionAttributeValues(Map.of(
                ":i", AttributeValue.fromN(Long.toString(intervalMicros)),
                ":soon", AttributeValue.fromN(Long.toString(soon)),
                ":latest", AttributeValue.fromN(Long.toString(latest))))
            .returnValues(ReturnValue.UPDATED_NEW)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        measured(now);
        long slot = Long.parseLong(result.attributes().get("next").n()) - intervalMicros;
        return Optional.of(instant(slot));
      } catch (ConditionalCheckFailedException e) {
        measured(now);
        old = e.hasItem() ? e.item() : Map.of();
      }
      AttributeValue next = old.get("next");
      if (next != null && Long.parseLong(next.n()) > latest) {
        return Optional.empty();
      }
      if (next == null || Long.parseLong(next.n()) < soon) {
        try {
          dynamo.updateItem(b -> b.tableName(table).key(key())
              .updateExpression("SET #n = :next")
              .conditionExpression("attribute_not_exists(#n) OR #n < :soon")
              .expressionAttributeNames(Map.of("#n", "next"))
              .expressionAttributeValues(Map.of(
                  ":next", AttributeValue.fromN(Long.toString(soon + intervalMicros)),
                  ":soon", AttributeValue.fromN(Long.toString(soon)))));
          return Optional.of(instant(soon));
        } catch (ConditionalCheckFailedException raced) {
          // Another sender moved the slot first; take the next one.
        }
      }
    }
    return Optional.empty();
  }

  /** How far ahead a slot must lie to be reached: the recent round trip, at least IDLE_LEAD, at most MAX_LEAD. */
  private long lead() {
    return Math.min(MAX_LEAD.toNanos() / 1000, Math.max(IDLE_LEAD.toNanos() / 1000, roundTripMicros));
  }

  /** Keeps a moving average of the reservation's round trip, on the pacer's clock. */
  private void measured(long startedMicros) {
    long took = Math.max(0, micros(clock.instant()) - startedMicros);
    roundTripMicros = (roundTripMicros * 3 + took) / 4;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }
}
