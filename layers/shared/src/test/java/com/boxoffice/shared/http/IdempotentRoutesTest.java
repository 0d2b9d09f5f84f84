package com.boxoffice.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.domain.order.CheckoutRefusal;
import com.boxoffice.shared.domain.order.InventoryUnavailableException;
import com.boxoffice.shared.domain.order.SoldOutException;
import com.boxoffice.shared.port.out.IdempotencyStore;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decorator on a route of its own (not the checkout), over the real idempotency table: what
 * is kept under a key, what is released, and how a retry resumes an attempt whose answer was lost.
 */
@ExtendWith(LocalAwsExtension.class)
class IdempotentRoutesTest {
  private static final Instant START = Instant.parse("2036-06-01T18:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final List<IdempotentRoutes.Attempt> attempts = new ArrayList<>();

  private static HttpRequest request(String key, String body) {
    return new HttpRequest("POST", "/v1/things", key == null ? Map.of() : Map.of("idempotency-key", key), Map.of(),
        Map.of(), body.getBytes(StandardCharsets.UTF_8), Map.of("sub", "u1"), "203.0.113.9", "req");
  }

  private Function<HttpRequest, HttpResponse> route(IdempotencyStore store, Function<Integer, HttpResponse> answer) {
    return new IdempotentRoutes(store, clock, Duration.ofSeconds(30)).wrap(
        new IdempotentRoutes.Options("things.create", r -> "user:" + r.claim("sub").orElseThrow(),
            IdempotentRoutes.StoredBodies.AS_IS),
        (r, attempt) -> {
          attempts.add(attempt);
          return answer.apply(attempts.size());
        });
  }

  private static DynamoIdempotencyStore store(LocalAws aws, LocalResources res) {
    return new DynamoIdempotencyStore(aws.dynamo(), res.table("IdempotencyTable"), Duration.ofHours(24));
  }

  @Test
  void aSuccessIsKeptAndReplayedWithoutRunningTheRouteAgain(LocalAws aws, LocalResources res) {
    var route = route(store(aws, res), n -> HttpResponse.json(201, Map.of("n", n)));

    var first = route.apply(request("k1", "{}"));
    var again = route.apply(request("k1", "{}"));

    assertThat(first.body()).isEqualTo("{\"n\":1}");
    assertThat(again.body()).isEqualTo("{\"n\":1}");
    assertThat(again.headers()).containsEntry("Idempotent-Replayed", "true");
    assertThat(attempts).hasSize(1);
    assertThat(route.apply(request(null, "{}")).body()).as("no key, no idempotency").isEqualTo("{\"n\":2}");
  }

  @Test
  void onlyFinalRefusalsAreKept(LocalAws aws, LocalResources res) {
    var store = store(aws, res);
    record Case(RuntimeException refusal, boolean kept) {}
    int i = 0;
    for (Case c : List.of(
        new Case(new CheckoutRefusal.Invalid(Map.of("name", "required")), true),
        new Case(new CheckoutRefusal.NotOnSale("e1"), true),
        new Case(new SoldOutException(Map.of("vip", 0)), false),
        new Case(new CheckoutRefusal.RateLimited("checkout-ip", 5), false),
        new Case(new InventoryUnavailableException("ThrottlingError", null), false),
        new Case(new CheckoutRefusal.PaymentProviderRejected(), false),
        new Case(new CheckoutRefusal.PaymentProviderUnavailable(0), false),
        new Case(new IllegalStateException("bug"), false))) {
      attempts.clear();
      String key = "refusal-" + i++;
      var route = route(store, n -> {
        throw c.refusal();
      });

      assertThatThrownBy(() -> route.apply(request(key, "{}"))).isSameAs(c.refusal());
      if (c.kept()) {
        var replay = route.apply(request(key, "{}"));
        assertThat(replay.headers()).as(c.refusal().toString()).containsEntry("Idempotent-Replayed", "true");
        assertThat(replay.status()).isEqualTo(Refusals.toApi(c.refusal()).orElseThrow().status());
        assertThat(attempts).hasSize(1);
      } else {
        assertThatThrownBy(() -> route.apply(request(key, "{}"))).as(c.refusal().toString()).isSameAs(c.refusal());
        assertThat(attempts).as("the key was released, so the route ran again").hasSize(2);
      }
    }
  }

  @Test
  void aRetryAfterALostAnswerResumesTheSameAttempt(LocalAws aws, LocalResources res) {
    var real = store(aws, res);
    var losing = new IdempotencyStore() {
      boolean lose = true;

      @Override
      public Claim claim(String id, String validation, String attempt, Instant now, Duration inProgressFor) {
        return real.claim(id, validation, attempt, now, inProgressFor);
      }

      @Override
      public void complete(String id, StoredResponse response, Instant now) {
        if (lose) {
          throw new IllegalStateException("table unavailable");
        }
        real.complete(id, response, now);
      }

      @Override
      public void release(String id) {
        real.release(id);
      }
    };
    var route = route(losing, n -> HttpResponse.json(201, Map.of("n", n)));

    var first = route.apply(request("lost", "{}"));
    assertThat(first.status()).as("the client still gets the answer").isEqualTo(201);
    losing.lose = false;

    route.apply(request("lost", "{}"));
    var replay = route.apply(request("lost", "{}"));

    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).resumed()).isFalse();
    assertThat(attempts.get(1).resumed()).isTrue();
    assertThat(attempts.get(1).seed()).isEqualTo(attempts.get(0).seed());
    assertThat(replay.headers()).containsEntry("Idempotent-Replayed", "true");
    var stored = aws.dynamo().scan(b -> b.tableName(res.table("IdempotencyTable"))).items();
    assertThat(stored.toString()).as("the seed is kept sealed")
        .doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(attempts.get(0).seed()));
  }

  @Test
  void aRetryAfterAnUnexpectedFailureResumesTheSameAttemptAtOnce(LocalAws aws, LocalResources res) {
    var route = route(store(aws, res), n -> {
      if (n == 1) {
        throw new IllegalStateException("failed after doing part of the work");
      }
      return HttpResponse.json(201, Map.of("n", n));
    });

    assertThatThrownBy(() -> route.apply(request("half", "{}"))).isInstanceOf(IllegalStateException.class);
    var retry = route.apply(request("half", "{}"));

    assertThat(retry.status()).isEqualTo(201);
    assertThat(attempts.get(1).resumed()).isTrue();
    assertThat(attempts.get(1).seed()).isEqualTo(attempts.get(0).seed());
    assertThatThrownBy(() -> route.apply(request("half", "{\"other\":1}"))).as("another body is refused")
        .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).errorCode())
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
  }

  @Test
  void aRequestWithoutACallerIsRefusedBeforeAnythingIsClaimed(LocalAws aws, LocalResources res) {
    var route = new IdempotentRoutes(store(aws, res), clock, Duration.ofSeconds(30)).wrap(
        new IdempotentRoutes.Options("things.create", r -> {
          throw new ApiException(ErrorCode.UNAUTHENTICATED, "Sign in.");
        }, IdempotentRoutes.StoredBodies.AS_IS),
        (r, attempt) -> HttpResponse.json(201, Map.of()));

    assertThatThrownBy(() -> route.apply(request("k", "{}"))).isInstanceOf(ApiException.class);
    assertThat(aws.dynamo().scan(b -> b.tableName(res.table("IdempotencyTable"))).count()).isZero();
  }

  @Test
  void twoRequestsWithTheSameKeyAtOnceRunTheRouteOnceAndTheOtherIsToldItIsInProgress(LocalAws aws, LocalResources res)
      throws Exception {
    // The route holds until the other request has its answer: the two overlap for sure, and the
    // second one's claim lands while the first is inside the route.
    java.util.concurrent.CountDownLatch oneAnswered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
    var route = new IdempotentRoutes(store(aws, res), clock, Duration.ofSeconds(30)).wrap(
        new IdempotentRoutes.Options("things.create", r -> "user:" + r.claim("sub").orElseThrow(),
            IdempotentRoutes.StoredBodies.AS_IS),
        (r, attempt) -> {
          int n = runs.incrementAndGet();
          try {
            if (!oneAnswered.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
              throw new IllegalStateException("the other request never got an answer");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return HttpResponse.json(201, Map.of("n", n));
        });
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.Callable<Object> send = () -> {
      start.await(10, java.util.concurrent.TimeUnit.SECONDS);
      try {
        return route.apply(request("same-key", "{}"));
      } catch (ApiException e) {
        return e;
      } finally {
        oneAnswered.countDown();
      }
    };
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(send);
      var b = pool.submit(send);
      List<Object> answers = List.of(a.get(20, java.util.concurrent.TimeUnit.SECONDS),
          b.get(20, java.util.concurrent.TimeUnit.SECONDS));

      assertThat(runs).as("the route ran once").hasValue(1);
      assertThat(answers).filteredOn(HttpResponse.class::isInstance).singleElement()
          .satisfies(r -> assertThat(((HttpResponse) r).status()).isEqualTo(201));
      assertThat(answers).filteredOn(ApiException.class::isInstance).singleElement()
          .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo(ErrorCode.REQUEST_IN_PROGRESS));
      var replay = route.apply(request("same-key", "{}"));
      assertThat(replay.body()).isEqualTo("{\"n\":1}");
      assertThat(replay.headers()).containsEntry("Idempotent-Replayed", "true");
    } finally {
      pool.shutdownNow();
    }
  }
}
