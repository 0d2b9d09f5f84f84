package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IdempotencyStore} in the idempotency table, in the record layout of Powertools for AWS
 * Lambda (Java) v2: {@code id}, {@code expiration} (epoch seconds, the table's TTL),
 * {@code in_progress_expiration} (epoch millis), {@code status} ({@code INPROGRESS} /
 * {@code COMPLETED}), {@code data} (the stored response as JSON) and {@code validation} (the
 * payload hash), plus our own {@code attempt} (the claimant's opaque attempt text, which
 * Powertools ignores). A claim is one conditional put that returns the existing record when it
 * fails, so a duplicate costs one write and no extra read; taking over a lapsed claim of the same
 * request costs one more write, to keep the first attempt's text.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoIdempotencyStore.class);

  private record Data(int status, String body) {}

  private static final String IN_PROGRESS = "INPROGRESS";
  /** Opaque text the claiming request keeps with its claim (see {@link IdempotencyStore#claim}). */
  static final String ATTEMPT = "attempt";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration retention;

  public DynamoIdempotencyStore(DynamoDbClient dynamo, String table, Duration retention) {
    this.dynamo = dynamo;
    this.table = table;
    this.retention = retention;
  }

  @Override
  public Claim claim(String id, String validation, String attemptText, Instant now, Duration inProgressFor) {
    Map<String, AttributeValue> item = new HashMap<>(Map.of(
        "id", AttributeValue.fromS(id),
        "status", AttributeValue.fromS(IN_PROGRESS),
        "validation", AttributeValue.fromS(validation),
        "expiration", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())),
        "in_progress_expiration", AttributeValue.fromN(Long.toString(now.plus(inProgressFor).toEpochMilli()))));
    if (attemptText != null) {
      item.put(ATTEMPT, AttributeValue.fromS(attemptText));
    }
    try {
      // ALL_OLD on success too: a lapsed claim of the same request hands over its attempt text.
      Map<String, AttributeValue> replaced = dynamo.putItem(b -> b.tableName(table)
          .item(item)
          .conditionExpression("attribute_not_exists(id) OR expiration < :nowSec"
              + " OR (#status = :inProgress AND in_progress_expiration < :nowMs)")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(
              ":nowSec", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
              ":nowMs", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
              ":inProgress", AttributeValue.fromS(IN_PROGRESS)))
          .returnValues(ReturnValue.ALL_OLD)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
      return new Claimed(takenOver(id, replaced, validation, now));
    } catch (ConditionalCheckFailedException e) {
      // The refusal carries the record that refused the claim (it exists, or the condition would
      // have held), so no second read is needed; a record without its fields answers in progress.
      return classify(e.hasItem() ? e.item() : Map.of(), validation);
    }
  }

  /**
   * The attempt text of a lapsed claim of the same request that this claim replaced, written back
   * so that a later takeover finds the first attempt's text again. Empty for a fresh key, a record
   * past its retention, or another request's claim.
   */
  private Optional<String> takenOver(String id, Map<String, AttributeValue> replaced, String validation, Instant now) {
    if (replaced == null || replaced.isEmpty() || !replaced.containsKey(ATTEMPT)
        || !IN_PROGRESS.equals(s(replaced, "status")) || !validation.equals(s(replaced, "validation"))
        || !replaced.containsKey("expiration")
        || Long.parseLong(replaced.get("expiration").n()) < now.getEpochSecond()) {
      return Optional.empty();
    }
    AttributeValue previous = replaced.get(ATTEMPT);
    try {
      dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
          .updateExpression("SET #attempt = :attempt")
          .conditionExpression("#status = :inProgress AND validation = :validation")
          .expressionAttributeNames(Map.of("#attempt", ATTEMPT, "#status", "status"))
          .expressionAttributeValues(Map.of(":attempt", previous, ":inProgress", AttributeValue.fromS(IN_PROGRESS),
              ":validation", AttributeValue.fromS(validation))));
    } catch (ConditionalCheckFailedException moved) {
      LOG.info("idempotency record moved on before its attempt was restored id={}", id);
    }
    return Optional.of(previous.s());
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Claim classify(Map<String, AttributeValue> existing, String validation) {
    AttributeValue storedValidation = existing == null ? null : existing.get("validation");
    if (storedValidation == null || !validation.equals(storedValidation.s())) {
      return storedValidation == null ? new InProgress() : new Mismatch();
    }
    AttributeValue status = existing.get("status");
    AttributeValue data = existing.get("data");
    if (status != null && "COMPLETED".equals(status.s()) && data != null) {
      Data stored = Json.read(data.s(), Data.class);
      return new Replay(new StoredResponse(stored.status(), stored.body()));
    }
    return new InProgress();
  }

  @Override
  public void complete(String id, StoredResponse response, Instant now) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
        .updateExpression("SET #status = :completed, #data = :data, expiration = :exp REMOVE in_progress_expiration, #attempt")
        .conditionExpression("attribute_exists(id)")
        .expressionAttributeNames(Map.of("#status", "status", "#data", "data", "#attempt", ATTEMPT))
        .expressionAttributeValues(Map.of(
            ":completed", AttributeValue.fromS("COMPLETED"),
            ":data", AttributeValue.fromS(Json.write(new Data(response.status(), response.body()))),
            ":exp", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())))));
    } catch (ConditionalCheckFailedException gone) {
      // The claim lapsed and was deleted meanwhile: storing a record without its payload hash
      // would let any body replay this answer, so nothing is stored.
      LOG.warn("idempotency record vanished before completion id={}", id);
    }
  }

  /**
   * Lets the claim lapse now instead of deleting it: the next claim of the key succeeds at once,
   * as after a delete, and a retry of the same request is handed this claim's attempt text, so it
   * finds whatever this attempt did before it failed. Records left behind expire with the table's TTL.
   */
  @Override
  public void release(String id) {
    try {
      dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
          .updateExpression("SET in_progress_expiration = :lapsed")
          .conditionExpression("#status = :inProgress")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":lapsed", AttributeValue.fromN("0"),
              ":inProgress", AttributeValue.fromS(IN_PROGRESS))));
    } catch (ConditionalCheckFailedException gone) {
      LOG.info("idempotency record already gone or completed when released id={}", id);
    }
  }
}
