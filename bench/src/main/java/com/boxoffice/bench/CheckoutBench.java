package com.boxoffice.bench;

import com.boxoffice.checkout.CheckoutApi;
import com.boxoffice.checkout.CheckoutHandler;
import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrderStore;
import com.boxoffice.shared.adapter.stripe.StripePaymentGateway;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.shared.domain.order.CheckoutService;
import com.boxoffice.shared.domain.order.CheckoutSettings;
import com.boxoffice.shared.domain.payment.CircuitBreaker;
import com.boxoffice.shared.ratelimit.DynamoRateLimiter;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Idempotency cost: the checkout handler, wired as {@code CheckoutApi.fromEnv} wires it, against
 * DynamoDB Local and stripe-mock, without an {@code Idempotency-Key}, with a new key each time, and
 * with a key it has already answered (a client retry). The no-key path is the baseline.
 */
final class CheckoutBench implements Suite {
  static final String EVENT = "evt-bench-sale";

  @Override
  public String title() {
    return "Idempotency cost: checkout";
  }

  private static final class Setup {
    final BenchStack stack;
    final LocalResources res;
    final Clock clock = Clock.systemUTC();

    Setup(BenchStack stack) {
      this.stack = stack;
      this.res = stack.freshResources();
      var catalog = new DynamoCatalog(stack.admin, res.table("BoxofficeTable"));
      Instant starts = Instant.now().plus(Duration.ofDays(7));
      catalog.putEvent(new CatalogEvent(EVENT, "Bench Night", "Hall", starts, starts.plus(Duration.ofHours(4)), starts,
          "eur", EventStatus.ON_SALE));
      catalog.putTicketType(new TicketType(EVENT, "general", "General admission", 2500, "eur", 1_000_000, 0, 0,
          1_000_000, 10));
    }

    /** One container's handler: its own DynamoDB client and Stripe client. */
    CheckoutHandler handler() {
      DynamoDbClient d = stack.dynamo(true);
      String table = res.table("BoxofficeTable");
      var orders = new DynamoOrderStore(d, table);
      var settings = new CheckoutSettings("https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}",
          "https://shop.example/cancelled", Duration.ofMinutes(30), 100_000, 100_000, 100_000);
      var gateway = new StripePaymentGateway(StripePaymentGateway.client("sk_test_boxoffice", stack.stripeBase,
          Duration.ofSeconds(8), 0));
      var service = new CheckoutService(new DynamoCatalog(d, table), orders, gateway,
          CircuitBreaker.forPaymentProvider(clock), new DynamoRateLimiter(d, table, clock), settings, clock);
      return new CheckoutHandler(new CheckoutApi(service, orders,
          new DynamoIdempotencyStore(d, res.table("IdempotencyTable"), Duration.ofHours(24)),
          new com.boxoffice.shared.testing.FixedTicketCodes(), clock));
    }
  }

  static String body(int i) {
    return "{\"eventId\":\"" + EVENT + "\",\"items\":[{\"ticketTypeId\":\"general\",\"quantity\":1}],"
        + "\"email\":\"buyer" + i + "@example.com\",\"name\":\"Buyer " + i + "\"}";
  }

  @Override
  public void run(BenchContext ctx, Report out) {
    Setup s = new Setup(ctx.stack);
    try {
      int ops = ctx.full ? 300 : 40;
      int opsConcurrent = ctx.full ? 600 : 80;
      int warm = ctx.full ? 300 : 40;
      run(s, "warm-up", 8, warm, Mode.NONE, "warm", ctx);
      run(s, "warm-up", 8, warm, Mode.NEW_KEY, "warm", ctx);
      run(s, "warm-up", 8, warm, Mode.REPLAY, "warm", ctx);
      List<Load.Result> rows = new ArrayList<>();
      List<Map<String, DynamoMeter.Usage>> trips = new ArrayList<>();
      for (int callers : new int[] {0, 8}) {
        int n = callers == 0 ? ops : opsConcurrent;
        for (Mode m : Mode.values()) {
          var before = ctx.stack.meter.snapshot();
          rows.add(run(s, m.label, callers, n, m, "c" + callers, ctx));
          if (callers == 0) {
            trips.add(DynamoMeter.diff(before, ctx.stack.meter.snapshot()));
          }
        }
      }
      out.para("Each checkout buys one ticket of one type for a different buyer and creates a Stripe Checkout "
          + "Session on stripe-mock. `new key` sends a fresh `Idempotency-Key` each time (claim, then complete, "
          + "the first-time path); `replayed key` sends, with the same body, a key that was already answered, "
          + "so the stored answer comes back without touching the order or Stripe. Each caller has its own "
          + "handler and clients. Per-user, per-IP and per-email limits are raised to 100,000 an hour so the "
          + "benchmark is not refused; the limiter's writes are still made. Warm-up: " + warm + " of each, "
          + "8 callers, not recorded.");
      out.line(Load.Result.header());
      for (var r : rows) {
        out.line(r.row());
      }
      out.blank();
      out.line("| callers | new key / no key (p50) | replayed / no key (p50) | new key / no key (throughput) |");
      out.line("|---|---|---|---|");
      for (int i = 0; i < rows.size(); i += 3) {
        out.line("| " + (rows.get(i).callers() == 0 ? "sequential" : rows.get(i).callers()) + " | "
            + Report.ratio(rows.get(i + 1).p50(), rows.get(i).p50()) + " | "
            + Report.ratio(rows.get(i + 2).p50(), rows.get(i).p50()) + " | "
            + Report.ratio(rows.get(i + 1).perSecond(), rows.get(i).perSecond()) + " |");
      }
      out.blank();
      out.sub("DynamoDB round trips and capacity per checkout (sequential run)");
      out.line("| path | round trips per checkout | by operation | capacity units per checkout |");
      out.line("|---|---|---|---|");
      Mode[] modes = Mode.values();
      for (int m = 0; m < modes.length; m++) {
        var u = trips.get(m);
        StringBuilder by = new StringBuilder();
        u.forEach((k, v) -> by.append(by.isEmpty() ? "" : ", ").append(k).append(' ')
            .append(Report.num(v.roundTrips() / (double) ops)));
        out.line("| " + modes[m].label + " | " + Report.num(DynamoMeter.totalTrips(u) / (double) ops) + " | " + by
            + " | " + Report.num(DynamoMeter.totalUnits(u) / ops) + " |");
        ctx.record("checkout." + modes[m].name() + ".trips", DynamoMeter.totalTrips(u) / (double) ops);
        ctx.record("checkout." + modes[m].name() + ".writeUnits", u.entrySet().stream()
            .filter(e -> !DynamoMeter.isRead(e.getKey())).mapToDouble(e -> e.getValue().capacityUnits()).sum() / ops);
        ctx.record("checkout." + modes[m].name() + ".readUnits", u.entrySet().stream()
            .filter(e -> DynamoMeter.isRead(e.getKey())).mapToDouble(e -> e.getValue().capacityUnits()).sum() / ops);
        ctx.record("checkout." + modes[m].name() + ".meanMs", rows.get(m).mean());
      }
      out.blank();
      out.para("The key costs two extra writes on the first-time path (a conditional `PutItem` that claims the key "
          + "and an `UpdateItem` that stores the answer), both in the caller's critical path; a replay costs one "
          + "conditional write whose refusal returns the stored item (so no Stripe call and no order writes). "
          + "The Stripe call dominates the checkout on stripe-mock and would dominate it more against Stripe itself "
          + "(typically hundreds of milliseconds), so the key's relative cost in production is smaller than here.");
      out.sub("Powertools idempotency as the peer");
      out.para("Not measured in this run. `software.amazon.lambda:powertools-idempotency:1.15.0` resolves here "
          + "(checked with `./mvnw dependency:get`), but it is Powertools v1, which works only through AspectJ "
          + "compile-time weaving of `@Idempotent` (its own build pins AspectJ 1.9.7, which cannot weave Java 21 "
          + "class files; a newer `aspectjtools` with `dev.aspectj:aspectj-maven-plugin` would be needed and its "
          + "resolution was not established), and the v2 modules with the plain-Java `Idempotency.makeIdempotent` "
          + "API do not resolve from the registry this project builds against. Getting a woven peer handler that "
          + "runs on the same table did not fit into the time of this work. What it would cost can be read off "
          + "its design: a record per key in DynamoDB written with one conditional `PutItem` before the handler "
          + "and one `UpdateItem` after it, which is the same two round trips as the first-time path above, plus "
          + "the JSON (de)serialisation of the whole response through its own ObjectMapper.");
    } finally {
      ctx.stack.drop(s.res);
    }
  }

  enum Mode {
    NONE("checkout, no key"), NEW_KEY("checkout, new key"), REPLAY("checkout, replayed key");

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  private static Load.Result run(Setup s, String label, int callers, int ops, Mode mode, String tag, BenchContext ctx) {
    ThreadLocal<CheckoutHandler> handlers = ThreadLocal.withInitial(s::handler);
    AtomicInteger seq = new AtomicInteger();
    ThreadLocal<String> buyer = ThreadLocal.withInitial(() -> "buyer-" + tag + "-" + seq.getAndIncrement());
    Load.Result r = Load.run(label, callers, ops, Duration.ofSeconds(ctx.full ? 90 : 30), i -> {
      Map<String, String> headers = switch (mode) {
        case NONE -> Map.of();
        // A first-time key; the replay run reuses it with the same buyer and body.
        case NEW_KEY, REPLAY -> Map.of("Idempotency-Key", "k-" + tag + "-" + i);
      };
      String sub = mode == Mode.NONE ? buyer.get() : "buyer-key-" + tag + "-" + i;
      var resp = handlers.get().handleRequest(Events.http("POST", "/v1/checkout", "POST /v1/checkout", sub,
          "198.51.100.7", body(i), headers), null);
      boolean ok = resp.getStatusCode() == 201;
      if (mode == Mode.REPLAY) {
        ok = ok && "true".equals(resp.getHeaders().get("Idempotent-Replayed"));
      }
      return ok;
    });
    ctx.log("checkout: %s, %s callers: p50 %.2f ms, %.0f/s, errors %d", label, callers, r.p50(), r.perSecond(),
        r.errors());
    return r;
  }
}
