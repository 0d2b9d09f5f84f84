package com.boxoffice.bench;

import com.boxoffice.shared.adapter.dynamo.OrderItems;
import com.boxoffice.shared.domain.order.CheckoutCaching;
import com.boxoffice.shared.domain.order.InventoryShards;
import com.boxoffice.shared.domain.order.SoldOutHints;
import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderLine;
import com.boxoffice.shared.domain.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The arithmetic of an on-sale at 10,000 checkouts a second: how many writes and reads each hot
 * item and partition key takes, against DynamoDB's per-partition limits, before and after
 * sharding the counters and caching checkout's catalog reads and sold-out answers in the
 * container. Nothing is measured: the figures follow from the code's constants and from the size
 * of an order item as the adapter writes it, so a rerun keeps them true to the code.
 */
final class HotKeyModel implements Suite {
  static final int CHECKOUTS_PER_SECOND = 10_000;
  /** DynamoDB: one partition serves about 1,000 write units a second. */
  static final int PARTITION_WCU = 1_000;
  /** DynamoDB: one partition serves about 3,000 read units a second (a strongly consistent read of up to 4 KB is one). */
  static final int PARTITION_RCU = 3_000;
  /** A transactional write costs twice the units of a plain one. */
  static final int TX_FACTOR = 2;
  /**
   * An assumption, not a constant of the code: warm checkout containers at that rate, each checkout
   * taking about half a second (most of it Stripe's session call). Per-container caches cost the
   * table once per container and period, so their figures scale with this number.
   */
  static final int CONTAINERS = CHECKOUTS_PER_SECOND / 2;

  @Override
  public String title() {
    return "On-sale hot keys: 10,000 checkouts a second";
  }

  @Override
  public void run(BenchContext ctx, Report out) {
    int r = CHECKOUTS_PER_SECOND;
    // Counter writes per checkout on its ticket type: the hold, then one of sale or release.
    int counterWrites = 2;
    int counterWcu = counterWrites * TX_FACTOR;
    int n = InventoryShards.MAX;
    int perShardWrites = r * counterWrites / n;
    int perShardWcu = r * counterWcu / n;
    int neededShards = (r * counterWcu + PARTITION_WCU - 1) / PARTITION_WCU;
    int orderKb = (orderItemBytes() + 1023) / 1024;
    // Pending-index writes per checkout: the put, the session's new sort key (delete + put), the removal.
    int indexWrites = 4;
    int s = OrderItems.PENDING_INDEX_SHARDS;
    int perIndexPartition = r * indexWrites * orderKb / s;
    int neededIndexShards = (r * indexWrites * orderKb + PARTITION_WCU - 1) / PARTITION_WCU;
    // gsi2 entries (an event's orders) per checkout: the order, and each ticket when paid.
    int ticketsPerOrder = 2;
    int eventWrites = r * (1 + ticketsPerOrder);
    int b = OrderItems.EVENT_INDEX_BUCKETS;
    int neededBuckets = (eventWrites + PARTITION_WCU - 1) / PARTITION_WCU;
    int eventEntryBytes = eventEntryBytes();

    out.para("No measurement here: the arithmetic of the write and read paths at " + fmt(r) + " checkouts a second, "
        + "all for one ticket type (the worst case), from the code's own constants. DynamoDB serves about "
        + fmt(PARTITION_WCU) + " write units and " + fmt(PARTITION_RCU) + " read units a second per partition, and "
        + "one partition key (one item above all) lives in one partition; a write in a transaction costs "
        + TX_FACTOR + " units per KB, and a `gsi1` write is billed on the index's partition on top of the table's "
        + "(see architecture.md, \"Hot keys\").");
    out.sub("Seat counters");
    out.para("Every checkout writes its ticket type's counter twice: the hold (`held + q`, `available - q`) and, "
        + "later, either the sale (`held - q`, `sold + q`) or the release of an unpaid hold (expiry, cancel). Both "
        + "are transactional, so " + counterWcu + " write units per checkout. One counter item takes "
        + fmt(r * counterWrites) + " writes, " + fmt(r * counterWcu) + " units a second: " + fmt(r * counterWcu
            / PARTITION_WCU) + " times what its partition serves, which caps one type at about "
        + fmt(PARTITION_WCU / counterWcu) + " checkouts a second, whatever Lambda scales to.");
    out.line("| | writes/s per item | write units/s per item | limit |");
    out.line("|---|---:|---:|---:|");
    out.line("| one counter (before) | " + fmt(r * counterWrites) + " | " + fmt(r * counterWcu) + " | "
        + fmt(PARTITION_WCU) + " |");
    out.line("| " + n + " shards (after) | " + fmt(perShardWrites) + " | " + fmt(perShardWcu) + " | "
        + fmt(PARTITION_WCU) + " |");
    out.blank();
    out.para("So at least " + neededShards + " shards are needed (" + fmt(r * counterWcu) + " / " + fmt(PARTITION_WCU)
        + "). A type gets one shard per " + InventoryShards.SEATS_PER_SHARD + " seats, at most " + n + " (each "
        + "under its own partition key `STOCK#<event>#<type>#<k>`), so one type takes about " + n + " × "
        + fmt(PARTITION_WCU / counterWcu) + " = " + fmt(n * PARTITION_WCU / counterWcu) + " checkouts a second, "
        + "and a type of C seats about C a second: it can sell out within a second or so whatever the demand. A "
        + "checkout starts on a random shard, so the load spreads evenly; near the end it reads the shards and "
        + "takes the seats where they are, which is what keeps \"sold out\" exact. " + n + " shards plus the type "
        + "item and the audit record fit one transaction (100 items) for a capacity change.");
    out.sub("Pending-order index");
    out.para("A pending order is on `gsi1` from its hold to its end: " + indexWrites + " index writes per checkout "
        + "(the put; the session's release time changes the sort key, a delete and a put; the removal when paid or "
        + "released). An order item as the adapter writes it is about " + fmt(orderItemBytes()) + " bytes, "
        + orderKb + " write unit(s) per index write. Under one key that is " + fmt(r * indexWrites * orderKb)
        + " units a second on one index partition; DynamoDB throttles the table's writes when an index partition "
        + "falls behind. Spread over `ORDERS#PENDING#<k>` for k in 0.." + (s - 1) + " by a hash of the order id: "
        + fmt(perIndexPartition) + " units a second per partition (at least " + neededIndexShards + " partitions "
        + "needed). The hold sweep and reconciliation query all " + s + " partitions (and the old unsharded key) "
        + "and merge them in time order: " + (s + 1) + " small queries a run; the sweep runs every 5 minutes and "
        + "reconciliation every hour. An order item "
        + "over " + orderKb + " KB (long names, several lines) costs " + (orderKb + 1) + " units per index write, "
        + fmt(r * indexWrites * (orderKb + 1L) / s) + " a second per partition; past that, " + (2 * s)
        + " partitions is the change (one constant, `OrderItems.PENDING_INDEX_SHARDS`; the readers follow it).");
    out.sub("An event's orders and tickets");
    out.para("The table's second index, `gsi2`, lists an event's orders and tickets. Every order put at the hold "
        + "and every ticket put at fulfilment writes an entry (keys, `type`, `email`: " + fmt(eventEntryBytes)
        + " bytes, 1 write unit); later updates of the order change no projected attribute and write none. "
        + "At " + ticketsPerOrder + " tickets an order that is " + fmt(eventWrites) + " index writes a second, all "
        + "for one event: keyed on the event id alone, " + fmt(eventWrites / PARTITION_WCU) + " times what one "
        + "partition serves. The entries are keyed on `gsi2pk` = `EVENTORDERS#<eventId>#<k>` instead, k a hash of the order "
        + "id modulo " + b + " (an order and its tickets share a bucket): " + fmt(eventWrites / b) + " writes a "
        + "second per bucket (at least " + neededBuckets + " buckets needed). An organizer's page queries all " + b
        + " buckets and merges them by order id: " + b + " small reads a page, for a listing that is read rarely.");
    int catalogReads = 2;
    long catalogTtl = CheckoutCaching.DEFAULT.catalogTtl().toSeconds();
    int refreshes = (int) (CONTAINERS / catalogTtl);
    int maxContainers = (int) (PARTITION_RCU * catalogTtl / catalogReads);
    out.sub("Event and ticket types (reads)");
    out.para("Every checkout reads its event (`EVENT#<id>`, `EVENT`) and its ticket types (one query on the same "
        + "partition key), both strongly consistent: an event item and a handful of types are under 4 KB, so "
        + catalogReads + " read units per read of the two. Read on every checkout, that is " + fmt((long) r * catalogReads)
        + " units a second on one partition, against " + fmt(PARTITION_RCU) + ". Checkout now keeps both in the container "
        + "for `CHECKOUT_CATALOG_CACHE_SECONDS` (" + catalogTtl + " s by default), so the partition is read once per "
        + "container and period, whatever the request rate: with " + fmt(CONTAINERS) + " warm containers (an "
        + "assumption: " + fmt(r) + " checkouts a second of about half a second each, most of it Stripe's session "
        + "call) that is " + fmt(refreshes) + " refreshes a second.");
    out.line("| | reads/s on the event's partition | read units/s | limit |");
    out.line("|---|---:|---:|---:|");
    out.line("| every checkout reads (before) | " + fmt((long) r * catalogReads) + " | " + fmt((long) r * catalogReads)
        + " | " + fmt(PARTITION_RCU) + " |");
    out.line("| cached " + catalogTtl + " s per container (after) | " + fmt((long) refreshes * catalogReads) + " | "
        + fmt((long) refreshes * catalogReads) + " | " + fmt(PARTITION_RCU) + " |");
    out.blank();
    out.para("The partition stays under its limit up to " + fmt(maxContainers) + " containers (" + fmt(PARTITION_RCU)
        + " × " + catalogTtl + " / " + catalogReads + "). Eventually consistent reads would halve the units again, but "
        + "would let a read be older than the TTL says, so they are not used; a longer TTL is the setting to raise if "
        + "the containers outgrow that. What the TTL delays and what it never can (seats, sales windows) is in "
        + "architecture.md, \"Hot keys\".");

    long hint = CheckoutCaching.DEFAULT.soldOutHint().toSeconds();
    long ceiling = hint * SoldOutHints.GROWTH;
    int firstReaching = (int) (CONTAINERS / hint);
    int reaching = (int) (CONTAINERS / ceiling);
    long growSeconds = 0;
    int confirmations = 1;
    for (long h = hint; h < ceiling; h *= 2) {
      growSeconds += h;
      confirmations++;
    }
    // A small type's counter confirms at most this many sold-out answers a second; a throttled hold
    // is answered inventory_unavailable and gives its container no hint, so every container needs
    // its confirmations to get through before the refusals fall under the limit.
    int confirmedPerSecond = PARTITION_WCU / TX_FACTOR;
    long aboveSeconds = Math.max(growSeconds, (long) CONTAINERS * confirmations / confirmedPerSecond);
    out.sub("A sold-out type");
    out.para("Once a type is sold out, every buyer still asking for it is refused. Each refusal that reaches the "
        + "table is a failed hold transaction (its condition on a random shard fails: " + TX_FACTOR + " write units, "
        + "failed conditions are billed) and one strongly consistent read of every shard to find seats, which "
        + "also gives the counts the answer shows (it used to read them twice; `SoldOutCostTest` counts the calls "
        + "on the wire). Checkout repeats a sold-out answer from the container's memory for "
        + "`CHECKOUT_SOLD_OUT_HINT_SECONDS` (" + hint + " s by default) without a write or a read, and each time the "
        + "table confirms the type is still sold out the next hint is twice the last, up to " + SoldOutHints.GROWTH
        + " times the setting (" + ceiling + " s). So at most one refusal per container and hint reaches the table: "
        + fmt(firstReaching) + " a second with " + fmt(CONTAINERS) + " containers in the first " + hint + " s, "
        + "falling to " + fmt(reaching) + " a second once the hints have grown (" + growSeconds + " s after the sell-out at "
        + "the earliest; below, why it takes longer for a small type), "
        + "against " + fmt(r) + " without hints.");
    out.line("| | refusals/s reaching the table | write units/s per shard | read units/s per shard | limits |");
    out.line("|---|---:|---:|---:|---:|");
    out.line("| every refusal (no hint) | " + fmt(r) + " | " + fmt((long) r * TX_FACTOR / n) + " | " + fmt(r)
        + " | " + fmt(PARTITION_WCU) + " / " + fmt(PARTITION_RCU) + " |");
    out.line("| first hint, " + hint + " s | " + fmt(firstReaching) + " | " + fmt((long) firstReaching * TX_FACTOR / n)
        + " | " + fmt(firstReaching) + " | " + fmt(PARTITION_WCU) + " / " + fmt(PARTITION_RCU) + " |");
    out.line("| grown hint, " + ceiling + " s | " + fmt(reaching) + " | " + fmt((long) reaching * TX_FACTOR / n)
        + " | " + fmt(reaching) + " | " + fmt(PARTITION_WCU) + " / " + fmt(PARTITION_RCU) + " |");
    out.blank();
    out.para("The price is staleness in one direction only: seats that come back (a released hold, a capacity "
        + "raise, a refund that restocks) are refused for at most one hint (" + hint + " s, up to " + ceiling + " s once "
        + "a type has stayed sold out) in a container that remembers the type as sold out; the other containers' "
        + "hints run out at other instants, so at this scale " + fmt(reaching) + " probes a second find a returned "
        + "seat within a few milliseconds. No seat is ever sold on a hint. A type of up to " + InventoryShards.SEATS_PER_SHARD
        + " seats keeps one counter, on the type item under the event's partition key. Its failed condition "
        + "returns the item, so its refusal reads nothing (it used to read the counter, " + fmt(r) + " read units "
        + "a second on the event's partition on top of the catalog's); its " + fmt(reaching) + " refusals a second "
        + "once the hints have grown are " + fmt((long) reaching * TX_FACTOR) + " write units on that partition, under its "
        + "limit. Before that (" + fmt(firstReaching) + " a second, " + fmt((long) firstReaching * TX_FACTOR)
        + " units, at first) DynamoDB throttles some of them: a throttled hold is answered `inventory_unavailable` "
        + "(retryable) and holds nothing, and gives its container no hint, so its next buyer goes to the table "
        + "too. The partition confirms at most " + fmt(confirmedPerSecond) + " sold-out answers a second and each "
        + "container needs " + confirmations + " to reach the longest hint (" + fmt((long) CONTAINERS * confirmations)
        + "), so the refusals stay above the limit for at least " + aboveSeconds + " s after the sell-out (" + growSeconds
        + " s if nothing were throttled): seconds that cost answers, not seats, and that the event's other "
        + "single-counter types share.");
    // In write units, what a partition's limit counts: a shard's transactional writes, an index
    // partition's entries, a gsi2 bucket's entries (one unit each).
    ctx.record("hotkeys.maxWriteUnitsPerKey", Math.max(Math.max(perShardWcu, perIndexPartition), eventWrites / b));
    ctx.record("hotkeys.smallSoldOutWriteUnits", (long) reaching * TX_FACTOR);
    ctx.record("hotkeys.smallSoldOutSecondsAbove", aboveSeconds);
    out.sub("What is per order already, and what remains");
    out.para("The order, its tickets, its payment record, its email-outbox entry and its idempotency record are "
        + "keyed by order, session, payment or request: " + fmt(r) + " a second spread over " + fmt(r)
        + " keys (their `gsi2` entries, above, spread over " + b + " keys an event). Rate-limit slots are keyed "
        + "by buyer, IP and hashed email. The event's partition is read once per "
        + "container and " + catalogTtl + " s, and a sold-out type's shards once per container and hint (" + hint + " to " + ceiling + " s) "
        + "(above). What remains, named here so the limit is known: (1) for at least " + aboveSeconds + " s after a "
        + "type of up to " + InventoryShards.SEATS_PER_SHARD + " seats sells out, while the hints grow, its refusals "
        + "put failed writes on the event's partition above its limit (above); (2) Stripe allows about 100 operations a second live, so creating " + fmt(r)
        + " checkout sessions a second needs a raised Stripe limit or a waiting room in front of checkout, "
        + "whatever the table does.");
  }

  /** The size DynamoDB bills for a pending order with one line and a Stripe-length checkout URL. */
  static int orderItemBytes() {
    return size(OrderItems.toItem(sampleOrder()));
  }

  private static Order sampleOrder() {
    Instant t = Instant.parse("2030-01-01T20:00:00Z");
    Order o = new Order("ord_" + "x".repeat(22), OrderStatus.PENDING, "evt_" + "e".repeat(22), "A concert with a longish name",
        t, t.plus(Duration.ofHours(3)), "user_" + "u".repeat(24), null, "firstname.lastname@example.com",
        "Firstname Lastname", List.of(new OrderLine("general", "General admission", 2, 2500, Map.of(17, 2))), 5000, "eur",
        t, t.plus(Duration.ofMinutes(31)), t.plus(Duration.ofMinutes(36)), "cs_live_" + "a".repeat(58),
        "https://checkout.stripe.com/c/pay/cs_live_" + "a".repeat(58) + "#" + "f".repeat(160), null, null, false, 0, 0);
    return o;
  }

  /** The size of an order's {@code gsi2} entry: the index and table keys plus the projected attributes. */
  static int eventEntryBytes() {
    Map<String, AttributeValue> o = OrderItems.toItem(sampleOrder());
    int bytes = 0;
    for (String name : List.of("pk", "sk", OrderItems.EVENT_BUCKET, OrderItems.SECOND_INDEX_SK, "orderId", "type", "email",
        "eventId", "status")) {
      bytes += name.length() + size(o.get(name));
    }
    return bytes;
  }

  private static int size(Map<String, AttributeValue> item) {
    int bytes = 0;
    for (var e : item.entrySet()) {
      bytes += e.getKey().length() + size(e.getValue());
    }
    return bytes;
  }

  private static int size(AttributeValue v) {
    if (v.s() != null) {
      return v.s().length();
    }
    if (v.n() != null) {
      return (v.n().length() + 1) / 2 + 1;
    }
    if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
      return 1;
    }
    if (v.hasM()) {
      return 3 + v.m().entrySet().stream().mapToInt(e -> 1 + e.getKey().length() + size(e.getValue())).sum();
    }
    if (v.hasL()) {
      return 3 + v.l().stream().mapToInt(x -> 1 + size(x)).sum();
    }
    return 0;
  }

  private static String fmt(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
