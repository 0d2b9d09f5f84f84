package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class DynamoIdempotencyStoreTest {
  /** After the real clock: DynamoDB Local's TTL deletes records whose expiration has passed in real time. */
  private final Instant now = Instant.parse("2036-06-01T10:00:00Z");

  @Test
  void aKeyIsClaimedOnceThenReplayedRefusedOrBlocked(LocalAws aws, LocalResources res) {
    var store = new DynamoIdempotencyStore(aws.dynamo(), res.table("IdempotencyTable"), Duration.ofHours(24));

    assertThat(store.claim("a", "h1", now, Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.Claimed.class);
    assertThat(store.claim("a", "h1", now, Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.InProgress.class);
    assertThat(store.claim("a", "h2", now, Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.Mismatch.class);

    store.complete("a", new IdempotencyStore.StoredResponse(201, "{\"x\":1}"), now);
    assertThat(store.claim("a", "h1", now, Duration.ofSeconds(30)))
        .isEqualTo(new IdempotencyStore.Replay(new IdempotencyStore.StoredResponse(201, "{\"x\":1}")));
    assertThat(store.claim("a", "h2", now, Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.Mismatch.class);

    var item = aws.dynamo().getItem(b -> b.tableName(res.table("IdempotencyTable"))
        .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a")))).item();
    assertThat(item).containsKeys("id", "expiration", "status", "data", "validation");
    assertThat(Long.parseLong(item.get("expiration").n())).isEqualTo(now.plus(Duration.ofHours(24)).getEpochSecond());
  }

  @Test
  void aClaimWhoseOwnerVanishedLapsesAndAReleasedKeyIsFree(LocalAws aws, LocalResources res) {
    var store = new DynamoIdempotencyStore(aws.dynamo(), res.table("IdempotencyTable"), Duration.ofHours(24));
    store.claim("b", "h1", now, Duration.ofSeconds(30));

    assertThat(store.claim("b", "h1", now.plusSeconds(29), Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.InProgress.class);
    assertThat(store.claim("b", "h1", now.plusSeconds(31), Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.Claimed.class);

    store.release("b");
    assertThat(store.claim("b", "h2", now.plusSeconds(32), Duration.ofSeconds(30))).isInstanceOf(IdempotencyStore.Claimed.class);
  }

  @Test
  void takingOverALapsedClaimOfTheSameRequestHandsOverTheFirstAttempt(LocalAws aws, LocalResources res) {
    var store = new DynamoIdempotencyStore(aws.dynamo(), res.table("IdempotencyTable"), Duration.ofHours(24));
    assertThat(store.claim("t", "h1", "first", now, Duration.ofSeconds(30)))
        .isEqualTo(new IdempotencyStore.Claimed(java.util.Optional.empty()));

    assertThat(store.claim("t", "h1", "second", now.plusSeconds(31), Duration.ofSeconds(30)))
        .isEqualTo(new IdempotencyStore.Claimed(java.util.Optional.of("first")));
    assertThat(store.claim("t", "h1", "third", now.plusSeconds(62), Duration.ofSeconds(30)))
        .as("kept across takeovers").isEqualTo(new IdempotencyStore.Claimed(java.util.Optional.of("first")));
    assertThat(store.claim("t", "h2", "other", now.plusSeconds(93), Duration.ofSeconds(30)))
        .as("another request's claim is not handed over").isEqualTo(new IdempotencyStore.Claimed(java.util.Optional.empty()));

    store.release("t");
    assertThat(store.claim("t", "h2", "again", now.plusSeconds(94), Duration.ofSeconds(30)))
        .as("a released claim is free at once and hands over its attempt")
        .isEqualTo(new IdempotencyStore.Claimed(java.util.Optional.of("other")));

    store.complete("t", new IdempotencyStore.StoredResponse(201, "{}"), now.plusSeconds(94));
    var item = aws.dynamo().getItem(b -> b.tableName(res.table("IdempotencyTable"))
        .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("t")))).item();
    assertThat(item).as("a completed record needs no attempt").doesNotContainKey("attempt");
  }

  @Test
  void aDifferentPayloadIsAlwaysAMismatch(LocalAws aws, LocalResources res) {
    var store = new DynamoIdempotencyStore(aws.dynamo(), res.table("IdempotencyTable"), Duration.ofHours(24));
    java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
    for (int i = 0; i < 200; i++) {
      String id = "loop-" + i;
      store.claim(id, "first-" + i, now, Duration.ofSeconds(30));
      store.complete(id, new IdempotencyStore.StoredResponse(201, "{}"), now);
      seen.merge(store.claim(id, "second-" + i, now, Duration.ofSeconds(30)).getClass().getSimpleName(), 1, Integer::sum);
    }
    assertThat(seen).containsExactly(java.util.Map.entry("Mismatch", 200));
  }
}
