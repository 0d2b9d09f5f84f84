package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.port.out.CheckoutMetrics;
import com.boxoffice.shared.port.out.CheckoutMetrics.CallResult;
import com.boxoffice.shared.port.out.CheckoutMetrics.Outcome;
import com.boxoffice.shared.testing.MutableClock;
import com.boxoffice.shared.testing.memory.InMemoryCatalog;
import com.boxoffice.shared.testing.memory.InMemoryOrderStore;
import com.boxoffice.shared.testing.memory.InMemoryPaymentGateway;
import com.boxoffice.shared.testing.memory.InMemoryRateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What {@link CheckoutService} reports to its metrics port: exactly one report per request, however it ends. */
@Tag("fast")
class CheckoutMetricsReportTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final String EVENT = "evt-1";

  record Report(Outcome outcome, CheckoutMetrics.ProviderCall call) {}

  final MutableClock clock = new MutableClock(NOW);
  final InMemoryCatalog catalog = new InMemoryCatalog();
  final InMemoryOrderStore orders = new InMemoryOrderStore(catalog);
  final InMemoryPaymentGateway payments = new InMemoryPaymentGateway();
  final List<Report> reports = new ArrayList<>();
  final CheckoutService service = new CheckoutService(catalog, orders, payments,
      CircuitBreaker.forPaymentProvider(clock), new InMemoryRateLimiter(clock),
      new CheckoutSettings("https://shop.example/ok?s={CHECKOUT_SESSION_ID}", "https://shop.example/cancel",
          Duration.ofMinutes(30), 10, 20, 10), clock, (outcome, call) -> reports.add(new Report(outcome, call)));

  CheckoutMetricsReportTest() {
    catalog.put(new CatalogEvent(EVENT, "Test night", "Hall", NOW.plus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(30)).plus(Duration.ofHours(4)), null, "eur", EventStatus.ON_SALE));
    catalog.type(EVENT, "general", "General admission", 2500, "eur", 100, 10);
  }

  static CheckoutCommand command(String buyer, CheckoutAttempt attempt) {
    return new CheckoutCommand(buyer, null, "198.51.100.7", EVENT, List.of(new CheckoutCommand.Item("general", 1)),
        "ada@example.com", "Ada Lovelace", attempt);
  }

  @Test
  void aRejectedCallIsReportedAsRejectedWithoutOpeningTheCircuit() {
    payments.rejectNext();

    catchThrowable(() -> service.checkout(command("u1", null)));

    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).outcome()).isEqualTo(Outcome.PAYMENT_REJECTED);
    assertThat(reports.get(0).call().result()).isEqualTo(CallResult.REJECTED);
    assertThat(reports.get(0).call().circuitOpened()).isFalse();
  }

  @Test
  void anUnexpectedFailureOfTheCallIsReportedAsAnError() {
    payments.failNext(new IllegalStateException("boom"));

    assertThat(catchThrowable(() -> service.checkout(command("u1", null)))).isInstanceOf(IllegalStateException.class);

    assertThat(reports).containsExactly(new Report(Outcome.ERROR,
        new CheckoutMetrics.ProviderCall(0, CallResult.ERROR, false, false)));
  }

  @Test
  void aRetriedRequestAnsweredWithItsEarlierOrderIsResumedAndMakesNoCall() {
    byte[] seed = "the same idempotency key, 32 bytes or more".getBytes(StandardCharsets.UTF_8);
    service.checkout(command("u1", CheckoutAttempt.fromSeed(seed, false)));

    service.checkout(command("u1", CheckoutAttempt.fromSeed(seed, true)));

    assertThat(reports).extracting(Report::outcome).containsExactly(Outcome.CREATED, Outcome.RESUMED);
    assertThat(reports.get(0).call().result()).isEqualTo(CallResult.OK);
    assertThat(reports.get(1).call()).as("the earlier order already had its session").isNull();
  }

  @Test
  void invalidInputIsReportedToo() {
    catchThrowable(() -> service.checkout(new CheckoutCommand("u1", null, "198.51.100.7", EVENT, List.of(),
        "not-an-address", "Ada", null)));

    assertThat(reports).extracting(Report::outcome).containsExactly(Outcome.INVALID);
  }
}
