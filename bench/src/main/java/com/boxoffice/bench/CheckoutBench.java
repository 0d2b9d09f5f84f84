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
import com.boxoffice.shared.adapter.dynamo.DynamoRateLimiter;
import com.boxoffice.bench.powertools.PowertoolsCheckoutHandler;
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
      int warm = ctx.full ? 150 : 40;
      run(s, "warm-up", 8, warm, Mode.NONE, "warm", ctx);
      run(s, "warm-up", 8, warm, Mode.NEW_KEY, "warm", ctx);
      run(s, "warm-up", 8, warm, Mode.REPLAY, "warm", ctx);
      boolean woven = PowertoolsCheckoutHandler.woven();
      List<Mode> modes = new ArrayList<>(List.of(Mode.NONE, Mode.NEW_KEY, Mode.REPLAY));
      if (woven) {
        PowertoolsCheckoutHandler.configure(ctx.stack.dynamo(true), s.res.table("IdempotencyTable"));
        run(s, "warm-up", 8, warm, Mode.PT_NEW, "warm", ctx);
        run(s, "warm-up", 8, warm, Mode.PT_REPLAY, "warm", ctx);
        modes.add(Mode.PT_NEW);
        modes.add(Mode.PT_REPLAY);
      }
      int per = modes.size();
      List<Load.Result> rows = new ArrayList<>();
      List<Map<String, DynamoMeter.Usage>> trips = new ArrayList<>();
      for (int callers : new int[] {0, 8}) {
        int n = callers == 0 ? ops : opsConcurrent;
        for (Mode m : modes) {
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
      out.line("| callers | new key / no key (p50) | replayed / no key (p50) | new key / no key (throughput) |"
          + (woven ? " Powertools new key / our new key (p50) | Powertools replay / our replay (p50) |" : ""));
      out.line("|---|---|---|---|" + (woven ? "---|---|" : ""));
      for (int i = 0; i < rows.size(); i += per) {
        out.line("| " + (rows.get(i).callers() == 0 ? "sequential" : rows.get(i).callers()) + " | "
            + Report.ratio(rows.get(i + 1).p50(), rows.get(i).p50()) + " | "
            + Report.ratio(rows.get(i + 2).p50(), rows.get(i).p50()) + " | "
            + Report.ratio(rows.get(i + 1).perSecond(), rows.get(i).perSecond()) + " |"
            + (woven ? " " + Report.ratio(rows.get(i + 3).p50(), rows.get(i + 1).p50()) + " | "
                + Report.ratio(rows.get(i + 4).p50(), rows.get(i + 2).p50()) + " |" : ""));
      }
      out.blank();
      out.sub("DynamoDB round trips and capacity per checkout (sequential run)");
      out.para("Capacity units as DynamoDB Local reports them, plus one write unit for each refused conditional "
          + "write (DynamoDB bills those but reports nothing with the exception). Without a key a checkout makes "
          + "three rate-limit writes (per user, per IP, per email), reads the event, queries its ticket types, "
          + "holds the seats and writes the order in one transaction, and attaches the Stripe session.");
      out.line("| path | round trips per checkout | by operation: round trips (capacity units) | capacity units per checkout |");
      out.line("|---|---|---|---|");
      for (int m = 0; m < modes.size(); m++) {
        var u = trips.get(m);
        StringBuilder by = new StringBuilder();
        u.forEach((k, v) -> by.append(by.isEmpty() ? "" : ", ").append(k).append(' ')
            .append(Report.num(v.roundTrips() / (double) ops)).append(" (")
            .append(Report.num(v.capacityUnits() / ops)).append(" units)"));
        out.line("| " + modes.get(m).label + " | " + Report.num(DynamoMeter.totalTrips(u) / (double) ops) + " | " + by
            + " | " + Report.num(DynamoMeter.totalUnits(u) / ops) + " |");
        ctx.record("checkout." + modes.get(m).name() + ".trips", DynamoMeter.totalTrips(u) / (double) ops);
        ctx.record("checkout." + modes.get(m).name() + ".writeUnits", u.entrySet().stream()
            .filter(e -> !DynamoMeter.isRead(e.getKey())).mapToDouble(e -> e.getValue().capacityUnits()).sum() / ops);
        ctx.record("checkout." + modes.get(m).name() + ".readUnits", u.entrySet().stream()
            .filter(e -> DynamoMeter.isRead(e.getKey())).mapToDouble(e -> e.getValue().capacityUnits()).sum() / ops);
        ctx.record("checkout." + modes.get(m).name() + ".meanMs", rows.get(m).mean());
      }
      out.blank();
      out.para("The key costs two extra writes on the first-time path (a conditional `PutItem` that claims the key "
          + "and an `UpdateItem` that stores the answer), both in the caller's critical path; a replay costs one "
          + "conditional write whose refusal returns the stored item (so no Stripe call and no order writes). "
          + "Here the Stripe call is a loopback round trip to stripe-mock; against Stripe itself creating a Checkout "
          + "Session typically takes a few hundred milliseconds, so the key's two writes are a smaller share of a "
          + "real checkout than of this one. Differences of a few percent between `no key` and `new key` above are "
          + "within this machine's noise.");
      out.sub("Powertools idempotency as the peer");
      if (woven) {
        out.para("The peer is `software.amazon.lambda:powertools-idempotency:1.15.0` (Powertools v1; the v2 "
            + "modules do not resolve from the registry this project builds against), `@Idempotent` on a "
            + "`handleRequest` that wraps the same checkout handler with the header removed, so Powertools alone "
            + "handles the key. It is woven at load time by the AspectJ 1.9.24 weaver agent (`META-INF/aop.xml` "
            + "in the bench module) rather than by `aspectj-maven-plugin` at compile time; the woven code is the "
            + "same. Key: the JWT subject and the header (a JMESPath object; 1.15.0 mistakes a list key for a missing "
            + "one and logs a warning on every call), payload validation on the body, the same "
            + "DynamoDB table (`id` as key). Powertools keeps one configuration per JVM, so all callers share one "
            + "persistence store and client, where our handlers each have their own; its local cache is off (the "
            + "default), as a cache per container would not help a retry that lands elsewhere.");
        out.para("Reading it: on the first-time path both make the same two extra writes; Powertools also "
            + "serialises the whole event to JSON to evaluate its key expression, hashes it, and serialises the "
            + "whole API Gateway response into the record, where ours hashes the raw body and stores only the "
            + "status and body. On a replay Powertools first tries a conditional `PutItem`, which fails, then "
            + "reads the record with a `GetItem` (two round trips), where ours gets the stored record back from "
            + "the failed conditional write itself (`ReturnValuesOnConditionCheckFailure=ALL_OLD`, one round trip).");
      } else {
        out.para("**Not measured in this run:** the benchmark JVM was started without the AspectJ weaver agent "
            + "(`scripts/bench.sh` adds it), so `@Idempotent` would have done nothing and the figures would have "
            + "been the plain handler's.");
      }
    } finally {
      ctx.stack.drop(s.res);
    }
  }

  enum Mode {
    NONE("checkout, no key", false), NEW_KEY("checkout, new key", false), REPLAY("checkout, replayed key", false),
    PT_NEW("Powertools @Idempotent, new key", true), PT_REPLAY("Powertools @Idempotent, replayed key", true);

    final String label;
    final boolean powertools;

    Mode(String label, boolean powertools) {
      this.label = label;
      this.powertools = powertools;
    }
  }

  private static Load.Result run(Setup s, String label, int callers, int ops, Mode mode, String tag, BenchContext ctx) {
    ThreadLocal<com.amazonaws.services.lambda.runtime.RequestHandler<
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent,
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse>> handlers = ThreadLocal.withInitial(
            () -> mode.powertools ? new PowertoolsCheckoutHandler(s.handler()) : s.handler());
    AtomicInteger seq = new AtomicInteger();
    ThreadLocal<String> buyer = ThreadLocal.withInitial(() -> "buyer-" + tag + "-" + seq.getAndIncrement());
    Load.Result r = Load.run(label, callers, ops, Duration.ofSeconds(ctx.full ? 90 : 30), i -> {
      Map<String, String> headers = switch (mode) {
        case NONE -> Map.of();
        // A first-time key; the replay run reuses it with the same buyer and body.
        case NEW_KEY, REPLAY -> Map.of("Idempotency-Key", "k-" + tag + "-" + i);
        case PT_NEW, PT_REPLAY -> Map.of("Idempotency-Key", "pt-" + tag + "-" + i);
      };
      String sub = mode == Mode.NONE ? buyer.get() : (mode.powertools ? "pt-" : "") + "buyer-key-" + tag + "-" + i;
      var resp = handlers.get().handleRequest(Events.http("POST", "/v1/checkout", "POST /v1/checkout", sub,
          "198.51.100.7", body(i), headers), new LambdaContext("checkout"));
      boolean ok = resp.getStatusCode() == 201;
      if (mode == Mode.REPLAY) {
        ok = ok && "true".equals(resp.getHeaders().get("Idempotent-Replayed"));
      }
      return ok;
    });
    ctx.log("checkout: %s, %s callers: p50 %.2f ms, %.0f/s, errors %d%s", label, callers, r.p50(), r.perSecond(),
        r.errors(), r.firstError() == null ? "" : "; first: " + r.firstError());
    return r;
  }
}
