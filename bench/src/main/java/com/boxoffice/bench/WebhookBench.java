package com.boxoffice.bench;

import com.boxoffice.shared.adapter.dynamo.DynamoOrderPayments;
import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.port.out.PaymentMetrics;
import com.boxoffice.shared.port.out.Refunds;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.StripeSignatureVerifier;
import com.boxoffice.shared.domain.webhook.StripeSignatures;
import com.boxoffice.shared.domain.webhook.StripeWebhookIntake;
import com.boxoffice.shared.testing.SeededOrders;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.webhook.StripeWebhookHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Stripe webhook: signed {@code checkout.session.completed} deliveries for pending orders
 * (each pays its order, issues its tickets and queues the confirmation), then the same deliveries
 * again (duplicates, answered from the event ledger), through the handler as the function URL
 * calls it. The baseline is one bare conditional PutItem round trip, measured the same way.
 */
final class WebhookBench implements Suite {
  /** The bench pays every order correctly: a refund would be a defect. */
  private static final Refunds NO_REFUNDS = new Refunds() {
    @Override
    public String refund(RefundRequest request) {
      throw new IllegalStateException("the bench expects no refunds");
    }

    @Override
    public java.util.List<com.boxoffice.shared.domain.payment.RefundRecord> forPayment(String paymentIntentId) {
      return java.util.List.of();
    }
  };

  static final String SECRET = "whsec_bench";
  static final String EVENT = "evt-bench-hook";

  @Override
  public String title() {
    return "Webhook: stripe-webhook";
  }

  @Override
  public void run(BenchContext ctx, Report out) throws Exception {
    LocalResources res = ctx.stack.freshResources();
    try {
      String table = res.table("BoxofficeTable");
      int perLevel = ctx.full ? 400 : 50;
      int warm = ctx.full ? 200 : 30;
      int[] callers = {0, 8};
      int orders = warm + perLevel * callers.length;
      var seeded = new SeededOrders(ctx.stack.admin, table);
      seeded.seedTicketType(EVENT, "general", "General admission", 1_000_000);
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
          String id = orderId(i);
          fs.add(pool.submit(() -> seeded.seedPendingOrder(id, EVENT, "general", 2, "cs_" + id,
              Instant.now().plus(Duration.ofMinutes(30)), id + "@example.com", 5000L)));
        }
        for (var f : fs) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      ctx.log("webhook: seeded %d pending orders in %.1f s", orders, (System.nanoTime() - t0) / 1e9);
      byte[] keySecret = new byte[32];
      String keys = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
          + java.util.Base64.getEncoder().encodeToString(keySecret) + "\"}}}";
      var codes = new SignedTicketCodes(SigningKeysSetting.parse(keys, "QR_SIGNING_KEYS"));
      ThreadLocal<StripeWebhookHandler> handlers = ThreadLocal.withInitial(() -> {
        DynamoDbClient d = ctx.stack.dynamo(true);
        var sqs = ctx.stack.sqsClient(true);
        var processor = new StripeEventProcessor(new DynamoStripeEventLedger(d, table),
            new DynamoOrderPayments(d, table, codes), codes, new EmailSqsOutbox(sqs, res.queueUrl("EmailQueue")),
            NO_REFUNDS, PaymentMetrics.none(), Clock.systemUTC(), Duration.ofSeconds(30));
        var verifier = new StripeSignatureVerifier(List.of(SECRET), StripeSignatureVerifier.DEFAULT_TOLERANCE,
            Clock.systemUTC());
        return new StripeWebhookHandler(new StripeWebhookIntake(verifier, new StripeEventJson(), processor,
            new WebhookRetrySqsQueue(sqs, res.queueUrl("WebhookRetryQueue"))));
      });
      ThreadLocal<DynamoDbClient> plain = ThreadLocal.withInitial(() -> ctx.stack.dynamo(false));

      deliver(handlers, "warm-up", 8, 0, warm, "\"received\":true", ctx);
      deliver(handlers, "warm-up", 8, 0, warm, "\"duplicate\":true", ctx);
      List<Load.Result> rows = new ArrayList<>();
      Map<String, DynamoMeter.Usage> firstTrips = null;
      Map<String, DynamoMeter.Usage> dupTrips = null;
      int next = warm;
      int seqOps = perLevel;
      for (int c : callers) {
        rows.add(Load.run("bare conditional PutItem", c, perLevel, Duration.ofSeconds(60), i -> {
          plain.get().putItem(b -> b.tableName(table).item(Map.of(
              "pk", AttributeValue.fromS("BASE#" + c + "#" + i), "sk", AttributeValue.fromS("BASE")))
              .conditionExpression("attribute_not_exists(pk)"));
          return true;
        }));
        var b0 = ctx.stack.meter.snapshot();
        rows.add(deliver(handlers, "first delivery (pays, issues, queues mail)", c, next, perLevel,
            "\"received\":true", ctx));
        var b1 = ctx.stack.meter.snapshot();
        rows.add(deliver(handlers, "duplicate delivery", c, next, perLevel, "\"duplicate\":true", ctx));
        var b2 = ctx.stack.meter.snapshot();
        if (c == 0) {
          firstTrips = DynamoMeter.diff(b0, b1);
          dupTrips = DynamoMeter.diff(b1, b2);
        }
        next += perLevel;
      }
      out.para("Each order is pending with a hold of 2 seats and a checkout session, as checkout leaves it. A "
          + "first delivery of its signed `checkout.session.completed` (`payment_status: paid`) marks the event "
          + "in the ledger, pays the order, issues its 2 tickets, queues the confirmation on the email queue "
          + "(ElasticMQ) and completes the ledger entry before answering; the duplicate is the same delivery "
          + "again, answered 200 from the ledger. Signatures are made like Stripe's (HMAC-SHA256 over "
          + "`t.body`). Each caller has its own handler and clients.");
      out.line(Load.Result.header());
      for (var r : rows) {
        out.line(r.row());
      }
      out.blank();
      out.line("| callers | first delivery / baseline (p50) | duplicate / baseline (p50) | events/s, first and duplicates together |");
      out.line("|---|---|---|---|");
      for (int i = 0; i < rows.size(); i += 3) {
        Load.Result b = rows.get(i);
        Load.Result f = rows.get(i + 1);
        Load.Result d = rows.get(i + 2);
        double eps = (f.ops() + d.ops()) / (f.seconds() + d.seconds());
        out.line("| " + (b.callers() == 0 ? "sequential" : b.callers()) + " | " + Report.ratio(f.p50(), b.p50())
            + " | " + Report.ratio(d.p50(), b.p50()) + " | " + Report.num(eps) + " |");
      }
      out.blank();
      out.sub("Round trips per delivery (sequential)");
      out.line("| delivery | DynamoDB and SQS calls: round trips (capacity units) | capacity units |");
      out.line("|---|---|---|");
      for (var e : List.of(Map.entry("first", firstTrips), Map.entry("duplicate", dupTrips))) {
        StringBuilder by = new StringBuilder();
        e.getValue().forEach((k, v) -> by.append(by.isEmpty() ? "" : ", ").append(k).append(' ')
            .append(Report.num(v.roundTrips() / (double) seqOps)).append(" (")
            .append(Report.num(v.capacityUnits() / seqOps)).append(" units)"));
        out.line("| " + e.getKey() + " | " + by + " | " + Report.num(DynamoMeter.totalUnits(e.getValue()) / seqOps)
            + " |");
        String k = "webhook." + e.getKey();
        var u = e.getValue();
        ctx.record(k + ".writeUnits", u.entrySet().stream().filter(x -> !DynamoMeter.isRead(x.getKey())
            && !x.getKey().endsWith("Message")).mapToDouble(x -> x.getValue().capacityUnits()).sum() / seqOps);
        ctx.record(k + ".readUnits", u.entrySet().stream().filter(x -> DynamoMeter.isRead(x.getKey()))
            .mapToDouble(x -> x.getValue().capacityUnits()).sum() / seqOps);
        ctx.record(k + ".sqs", u.entrySet().stream().filter(x -> x.getKey().endsWith("Message")
            || x.getKey().endsWith("Batch")).mapToDouble(x -> x.getValue().roundTrips()).sum() / (double) seqOps);
      }
      double dupTripsPer = DynamoMeter.totalTrips(dupTrips) / (double) seqOps;
      double firstTripsPer = DynamoMeter.totalTrips(firstTrips) / (double) seqOps;
      ctx.record("webhook.first.meanMs", rows.get(1).mean());
      ctx.record("webhook.duplicate.meanMs", rows.get(2).mean());
      out.blank();
      out.para("The acknowledgement waits for the whole of the work (ledger claim, order transaction with the "
          + "tickets, queueing the mail, ledger completion), which is what keeps an event from being acknowledged "
          + "and then lost; Stripe allows several seconds, so the " + Report.num(firstTripsPer) + " sequential round trips "
          + "of a first delivery are affordable: the ledger claim, the order read, the payment transaction with the "
          + "tickets, the SQS send and the ledger completion (a second transaction). A duplicate took "
          + Report.num(dupTripsPer) + " round trip(s): the refused ledger claim, which returns the entry it found "
          + "(`ReturnValuesOnConditionCheckFailure=ALL_OLD`), so no read follows it.");
    } finally {
      ctx.stack.drop(res);
    }
  }

  static String orderId(int i) {
    return String.format("ord_%024x", 0x100000L + i);
  }

  static byte[] body(String orderId) {
    String session = "{\"id\":\"cs_" + orderId + "\",\"object\":\"checkout.session\",\"client_reference_id\":\""
        + orderId + "\",\"payment_status\":\"paid\",\"payment_intent\":\"pi_" + orderId
        + "\",\"amount_total\":5000,\"currency\":\"eur\"}";
    return ("{\"id\":\"evt_" + orderId + "\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"livemode\":false,\"data\":{\"object\":" + session + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Load.Result deliver(ThreadLocal<StripeWebhookHandler> handlers, String label, int callers, int from,
      int n, String expect, BenchContext ctx) {
    Load.Result r = Load.run(label, callers, n, Duration.ofSeconds(ctx.full ? 90 : 30), i -> {
      byte[] body = body(orderId(from + i));
      var resp = handlers.get().handleRequest(Events.stripe(body, StripeSignatures.sign(body, SECRET, Instant.now())),
          null);
      return resp.getStatusCode() == 200 && resp.getBody().contains(expect);
    });
    ctx.log("webhook: %s, %s callers: p50 %.2f ms, %.0f/s, errors %d", label, callers, r.p50(), r.perSecond(),
        r.errors());
    return r;
  }
}
