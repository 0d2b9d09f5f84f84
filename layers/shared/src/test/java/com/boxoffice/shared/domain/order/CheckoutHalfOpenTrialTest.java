package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.payment.CheckoutSession;
import com.boxoffice.shared.domain.payment.CheckoutSessionRequest;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.Refusals;
import com.boxoffice.shared.port.out.PaymentGateway;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryCatalog;
import com.boxoffice.shared.testing.memory.InMemoryOrderStore;
import com.boxoffice.shared.testing.memory.InMemoryPaymentGateway;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The payment provider's circuit breaker inside checkout once it has been open for its 30 s: one
 * checkout is the trial, checkouts arriving while the trial's call is under way are refused
 * without holding seats, and a trial whose request never comes back does not keep the breaker
 * shut for good.
 */
@Tag("fast")
class CheckoutHalfOpenTrialTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final String EVENT = "evt-1";

  /** The Lambda runtime ending an invocation mid-call: nothing in the request gets to run after it. */
  static final class InvocationKilled extends Error {
    InvocationKilled() {
      super("the invocation timed out inside the provider call");
    }
  }

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryCatalog catalog = new InMemoryCatalog();
  final InMemoryOrderStore orders = new InMemoryOrderStore(catalog);
  final InMemoryPaymentGateway stripe = new InMemoryPaymentGateway();
  /** Runs inside the next provider call, while that call is in flight. */
  final AtomicReference<Runnable> duringNextCall = new AtomicReference<>();
  final List<Integer> calls = new ArrayList<>();
  final PaymentGateway gateway = new PaymentGateway() {
    @Override
    public CheckoutSession createCheckoutSession(CheckoutSessionRequest request) {
      calls.add(calls.size() + 1);
      Runnable during = duringNextCall.getAndSet(null);
      if (during != null) {
        during.run();
      }
      return stripe.createCheckoutSession(request);
    }

    @Override
    public CheckoutSession retrieveCheckoutSession(String sessionId) {
      return stripe.retrieveCheckoutSession(sessionId);
    }
  };
  final CircuitBreaker breaker = CircuitBreaker.forPaymentProvider(clock);
  final CheckoutService service = new CheckoutService(catalog, orders, gateway, breaker,
      new InMemoryRateLimiter(clock), new CheckoutSettings("https://shop.example/ok?s={CHECKOUT_SESSION_ID}",
          "https://shop.example/cancel", Duration.ofMinutes(30), 100, 100, 100), clock);

  CheckoutHalfOpenTrialTest() {
    catalog.put(new CatalogEvent(EVENT, "Test night", "Hall", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), null, "eur", EventStatus.ON_SALE));
    catalog.type(EVENT, "general", "General admission", 2500, "eur", 100, 10);
  }

  static CheckoutCommand buyer(String id) {
    return new CheckoutCommand(id, null, "198.51.100.7", EVENT, List.of(new CheckoutCommand.Item("general", 1)),
        id + "@example.com", "Ada Lovelace");
  }

  ApiException refusal(String buyer) {
    Throwable thrown = catchThrowable(() -> service.checkout(buyer(buyer)));
    assertThat(thrown).as("a refusal").isInstanceOf(CheckoutRefusal.class);
    return Refusals.toApi((CheckoutRefusal) thrown).orElseThrow();
  }

  int held() {
    return catalog.type(EVENT, "general").orElseThrow().held();
  }

  void openTheBreaker() {
    for (int i = 0; i < 5; i++) {
      stripe.unavailableNext();
      assertThat(refusal("opener" + i).code()).isEqualTo("payment_provider_unavailable");
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    calls.clear();
  }

  @Test
  void whileTheTrialCheckoutIsWithTheProviderOthersAreRefusedThenItsSuccessLetsEveryoneThrough() {
    openTheBreaker();
    ApiException open = refusal("early");
    assertThat(open.headers()).containsEntry("Retry-After", "30");
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

    List<ApiException> refusedDuringTrial = new ArrayList<>();
    List<Integer> heldDuringTrial = new ArrayList<>();
    duringNextCall.set(() -> {
      refusedDuringTrial.add(refusal("second"));
      refusedDuringTrial.add(refusal("third"));
      heldDuringTrial.add(held());
    });

    assertThat(service.checkout(buyer("trial")).status()).isEqualTo("pending");

    assertThat(refusedDuringTrial).extracting(ApiException::code)
        .containsExactly("payment_provider_unavailable", "payment_provider_unavailable");
    assertThat(refusedDuringTrial).allSatisfy(r -> assertThat(r.headers()).containsEntry("Retry-After", "1"));
    assertThat(heldDuringTrial).as("only the trial's seat is held meanwhile").containsExactly(1);
    assertThat(calls).as("one provider call: the trial").containsExactly(1);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(service.checkout(buyer("after")).status()).isEqualTo("pending");
    assertThat(held()).isEqualTo(2);
  }

  @Test
  void aFailedTrialOpensTheBreakerForAnotherThirtySeconds() {
    openTheBreaker();
    clock.advance(Duration.ofSeconds(30));
    stripe.unavailableNext();

    ApiException trial = refusal("trial");

    assertThat(trial.code()).isEqualTo("payment_provider_unavailable");
    assertThat(trial.headers()).containsEntry("Retry-After", "30");
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    clock.advance(Duration.ofSeconds(29));
    assertThat(refusal("too-soon").headers()).containsEntry("Retry-After", "1");
    assertThat(calls).hasSize(1);
    assertThat(held()).isZero();
  }

  @Test
  void aTrialWhoseRequestNeverComesBackIsGivenUpAfterTheOpenTimeAndTheNextCheckoutIsTheTrial() {
    openTheBreaker();
    clock.advance(Duration.ofSeconds(30));
    duringNextCall.set(() -> {
      throw new InvocationKilled();
    });
    assertThatThrownBy(() -> service.checkout(buyer("killed"))).isInstanceOf(InvocationKilled.class);

    // The container lives on; the killed trial never recorded an outcome.
    clock.advance(Duration.ofSeconds(29));
    assertThat(refusal("waiting").code()).isEqualTo("payment_provider_unavailable");
    assertThat(calls).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(service.checkout(buyer("next-trial")).status()).isEqualTo("pending");
    assertThat(calls).hasSize(2);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
