package com.boxoffice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The AWS cost of selling and scanning 1,000 tickets, from this run's measured round trips,
 * capacity units and durations, at list prices assumed for us-east-1 (stated in the document).
 */
final class CostModel implements Suite {
  // Prices assumed (us-east-1 list prices as last known; no network here to check them).
  static final double LAMBDA_ARM_GB_S = 0.0000133334;
  static final double LAMBDA_REQUEST = 0.20 / 1e6;
  static final double DYNAMO_WRU = 0.625 / 1e6;
  static final double DYNAMO_RRU = 0.125 / 1e6;
  static final double SQS_REQUEST = 0.40 / 1e6;
  static final double SES_MESSAGE = 0.10 / 1000;
  static final double HTTP_API_REQUEST = 1.00 / 1e6;
  static final double MEMORY_GB = 1.0;

  static final int TICKETS = 1000;
  static final int TICKETS_PER_ORDER = 2;
  static final double DUPLICATE_RATE = 0.10;

  @Override
  public String title() {
    return "Cost model: selling and scanning 1,000 tickets";
  }

  private record Line(String what, double count, String unit, double unitPrice, String source) {
    double cost() {
      return count * unitPrice;
    }
  }

  @Override
  public void run(BenchContext ctx, Report out) {
    int orders = TICKETS / TICKETS_PER_ORDER;
    double deliveries = orders * (1 + DUPLICATE_RATE);
    double coMs = ctx.figure("checkout.NEW_KEY.meanMs");
    double whMs = ctx.figure("webhook.first.meanMs");
    double dupMs = ctx.figure("webhook.duplicate.meanMs");
    double scanMs = ctx.figure("door.seqMeanMs");
    List<Line> lines = new ArrayList<>();
    lines.add(new Line("Lambda requests (checkout, webhook deliveries, scans)", orders + deliveries + TICKETS,
        "requests", LAMBDA_REQUEST, "counts below"));
    lines.add(new Line("Lambda checkout, " + orders + " × " + Report.ms(Math.ceil(coMs)) + " ms",
        orders * Math.ceil(coMs) / 1000 * MEMORY_GB, "GB-s", LAMBDA_ARM_GB_S, "mean, new-key checkout, sequential"));
    lines.add(new Line("Lambda webhook, " + orders + " × " + Report.ms(Math.ceil(whMs)) + " ms + "
        + Math.round(orders * DUPLICATE_RATE) + " duplicates × " + Report.ms(Math.ceil(dupMs)) + " ms",
        (orders * Math.ceil(whMs) + orders * DUPLICATE_RATE * Math.ceil(dupMs)) / 1000 * MEMORY_GB, "GB-s",
        LAMBDA_ARM_GB_S, "mean, sequential"));
    lines.add(new Line("Lambda scans, " + TICKETS + " × " + Report.ms(Math.ceil(scanMs)) + " ms",
        TICKETS * Math.ceil(scanMs) / 1000 * MEMORY_GB, "GB-s", LAMBDA_ARM_GB_S, "mean, sequential"));
    double wru = orders * ctx.figure("checkout.NEW_KEY.writeUnits")
        + orders * ctx.figure("webhook.first.writeUnits")
        + orders * DUPLICATE_RATE * ctx.figure("webhook.duplicate.writeUnits")
        + TICKETS * ctx.figure("door.writeUnitsPerScan");
    double rru = orders * ctx.figure("checkout.NEW_KEY.readUnits")
        + orders * ctx.figure("webhook.first.readUnits")
        + orders * DUPLICATE_RATE * ctx.figure("webhook.duplicate.readUnits")
        + TICKETS * ctx.figure("door.readUnitsPerScan");
    lines.add(new Line("DynamoDB on-demand writes", wru, "WRU", DYNAMO_WRU, "ReturnConsumedCapacity, per path"));
    lines.add(new Line("DynamoDB on-demand reads", rru, "RRU", DYNAMO_RRU, "ReturnConsumedCapacity, per path"));
    double sqs = orders * ctx.figure("webhook.first.sqs") + orders * 2;
    lines.add(new Line("SQS: queue the confirmation (measured) + receive and delete it (assumed, unbatched)", sqs,
        "requests", SQS_REQUEST, "webhook run + assumption"));
    lines.add(new Line("SES confirmation mails", orders, "messages", SES_MESSAGE, "one per order"));
    lines.add(new Line("API Gateway HTTP API (checkout, scans)", orders + TICKETS, "requests", HTTP_API_REQUEST,
        "the webhook uses a function URL: free"));
    double total = 0;
    out.para("Assumptions: " + TICKETS + " tickets sold in " + orders + " orders of " + TICKETS_PER_ORDER
        + ", every checkout with an `Idempotency-Key`, each order paid by one `checkout.session.completed` that "
        + "Stripe delivers " + (int) (DUPLICATE_RATE * 100) + "% of the time twice, one confirmation mail per "
        + "order, every ticket scanned once at entry. Durations are this run's sequential means on this machine "
        + "rounded up to the millisecond, as Lambda bills; they are DynamoDB Local's and stripe-mock's round trips, "
        + "so the Lambda lines are an order-of-magnitude estimate. Round trips and capacity units are exactly "
        + "what the code asks for and do not depend on the machine.");
    out.line("| item | quantity | unit | unit price assumed | cost |");
    out.line("|---|---|---|---|---|");
    for (Line l : lines) {
      total += l.cost();
      out.line("| " + l.what() + " | " + (Double.isNaN(l.count()) ? "n/a (its suite did not run)"
          : String.format(Locale.ROOT, "%,.1f", l.count())) + " | " + l.unit() + " | "
          + String.format(Locale.ROOT, "$%.10f", l.unitPrice()).replaceAll("0+$", "") + " | " + Report.usd(l.cost())
          + " |");
    }
    out.line("| **total** | | | | **" + Report.usd(total) + "** |");
    out.blank();
    out.para("Prices assumed, as us-east-1 list prices without free tiers (not checked against AWS today; there is "
        + "no network here): Lambda arm64 $0.0000133334 per GB-second at " + (int) (MEMORY_GB * 1024)
        + " MB and $0.20 per million requests; DynamoDB on-demand $0.625 per million write request units and "
        + "$0.125 per million read request units; SQS standard $0.40 per million requests; SES $0.10 per 1,000 "
        + "messages; API Gateway HTTP API $1.00 per million requests. Left out: the two scheduled processors "
        + "(each runs once a minute whatever the sales, about 43,200 invocations a month each, mostly empty "
        + "receives), cold starts (a few per function per day at this volume; Lambda bills the init phase), "
        + "CloudWatch Logs ingestion (two JSON lines per request), Secrets Manager, X-Ray, and Stripe's fees, which "
        + "are larger than all of this by orders of magnitude.");
    List<Line> byCost = new ArrayList<>(lines);
    byCost.removeIf(l -> Double.isNaN(l.cost()));
    byCost.sort((a, b) -> Double.compare(b.cost(), a.cost()));
    String top = byCost.size() < 2 ? "" : "the largest lines are " + byCost.get(0).what() + " ("
        + Report.usd(byCost.get(0).cost()) + ") and " + byCost.get(1).what() + " (" + Report.usd(byCost.get(1).cost())
        + "). ";
    out.para("Reading it: " + top + (top.isEmpty() ? "most" : "Most") + " DynamoDB write units are spent where the "
        + "design asks for them: transactional writes (the hold with the order, the payment with the tickets) are "
        + "billed twice, every item in `gsi1` is written twice (table and index, see the door section), and a "
        + "checkout keeps three rate-limit counters. The Lambda lines scale with the measured durations, which "
        + "on DynamoDB itself would be shorter than on DynamoDB Local under this machine's load.");
    ctx.record("cost.total", total);
  }
}
