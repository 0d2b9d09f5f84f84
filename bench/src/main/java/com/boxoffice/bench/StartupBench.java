package com.boxoffice.bench;

import com.boxoffice.shared.adapter.dynamo.DynamoCatalog;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.domain.catalog.CatalogEvent;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.catalog.TicketType;
import com.boxoffice.testkit.LocalResources;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Start-up: for every function, a fresh JVM with the function's jar and the shared layer on its
 * classpath, from process start to the first response to a sample event of {@code events/}
 * ({@link StartupProbe}); next to a JVM that builds only the same SDK clients and makes one call
 * with each, and a JVM that does nothing; each with and without {@code -XX:TieredStopAtLevel=1}.
 */
final class StartupBench implements Suite {
  record Target(String name, String module, List<String> probeArgs, Map<String, String> env) {
    /** The extra layers template.yaml gives this function (after SharedLayer, which all get). */
    List<String> extraLayers() {
      return module == null ? List.of() : EXTRA_LAYERS.getOrDefault(module, List.of());
    }
  }

  /** As template.yaml lists them (TemplateLayersTest keeps the template and the poms in step). */
  static final Map<String, List<String>> EXTRA_LAYERS = Map.of(
      "checkout", List.of("stripe", "qr"),
      "stripe-webhook", List.of("queues", "stripe"),
      "scanner-validate", List.of(),
      "process-email-queue", List.of("queues", "qr", "mail"),
      "process-webhook-retries", List.of("queues", "stripe"));

  record Run(double wallMs, double initMs, double invokeMs, String status) {}

  @Override
  public String title() {
    return "Start-up: fresh JVM to first response";
  }

  @Override
  public void run(BenchContext ctx, Report out) throws Exception {
    Path root = ctx.stack.root;
    LocalResources res = ctx.stack.freshResources();
    try {
      List<String> layer = layerClasspath(root);
      Map<String, List<String>> layerJars = layerJars(root, layer);
      String table = res.table("BoxofficeTable");
      seedSamples(ctx, table);
      Map<String, String> common = new LinkedHashMap<>();
      common.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      common.put("AWS_REGION", "us-east-1");
      common.put("AWS_ACCESS_KEY_ID", "local");
      common.put("AWS_SECRET_ACCESS_KEY", "local");
      common.put("AWS_ENDPOINT_URL_DYNAMODB", ctx.stack.dynamoEndpoint.toString());
      common.put("AWS_ENDPOINT_URL_SQS", ctx.stack.sqsEndpoint.toString());
      common.put("TABLE_NAME", table);
      common.put("LOG_LEVEL", "INFO");
      common.put("QR_SIGNING_KEYS", SAMPLE_KEYS);
      Map<String, String> stripe = Map.of("STRIPE_SECRET_KEY", "sk_test_boxoffice", "STRIPE_API_BASE",
          ctx.stack.stripeBase);
      Map<String, String> queues = Map.of("EMAIL_QUEUE_URL", res.queueUrl("EmailQueue"), "WEBHOOK_RETRY_QUEUE_URL",
          res.queueUrl("WebhookRetryQueue"));
      Path ev = root.resolve("events");
      List<Target> targets = new ArrayList<>();
      targets.add(new Target("empty JVM (floor)", null, List.of("empty"), Map.of()));
      targets.add(new Target("SDK only: DynamoDB client, one GetItem", null, List.of("sdk", "dynamo"), Map.of()));
      targets.add(new Target("SDK only: DynamoDB + SQS clients, one call each", null, List.of("sdk", "dynamo+sqs"),
          queues));
      targets.add(new Target("scanner-validate", "scanner-validate", List.of("function",
          "com.boxoffice.scanner.ScannerValidateHandler", "http", ev.resolve("scanner-validate/scan-entry.json").toString()),
          Map.of("SCANNER_RATE_LIMIT_PER_MINUTE", "360")));
      Map<String, String> checkoutEnv = new LinkedHashMap<>(stripe);
      checkoutEnv.putAll(Map.of("IDEMPOTENCY_TABLE_NAME", res.table("IdempotencyTable"),
          "CHECKOUT_SUCCESS_URL", "https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}",
          "CHECKOUT_CANCEL_URL", "https://shop.example/cancelled", "HOLD_MINUTES", "30",
          "STRIPE_TIMEOUT_MS", "8000", "STRIPE_MAX_NETWORK_RETRIES", "0"));
      // Every run is the same buyer: with the hourly limits at their defaults the later runs would
      // be answered 429 after one rate-limit write, a first response that skips the catalog, the
      // hold and Stripe.
      checkoutEnv.putAll(Map.of("CHECKOUT_USER_LIMIT_PER_HOUR", "100000", "CHECKOUT_IP_LIMIT_PER_HOUR", "100000",
          "CHECKOUT_EMAIL_LIMIT_PER_HOUR", "100000"));
      targets.add(new Target("checkout", "checkout", List.of("function", "com.boxoffice.checkout.CheckoutHandler", "http",
          ev.resolve("checkout/checkout-signed-in.json").toString()), checkoutEnv));
      Map<String, String> hookEnv = new LinkedHashMap<>(queues);
      hookEnv.putAll(stripe);
      hookEnv.put("STRIPE_WEBHOOK_SECRETS", "whsec_bench");
      targets.add(new Target("stripe-webhook", "stripe-webhook", List.of("function",
          "com.boxoffice.webhook.StripeWebhookHandler", "webhook",
          ev.resolve("stripe-webhook/checkout.session.completed.json").toString()), hookEnv));
      Map<String, String> retryEnv = new LinkedHashMap<>(queues);
      retryEnv.putAll(stripe);
      targets.add(new Target("process-webhook-retries", "process-webhook-retries", List.of("function",
          "com.boxoffice.retries.ProcessWebhookRetriesHandler", "map",
          ev.resolve("process-webhook-retries/sweep-holds.json").toString()), retryEnv));
      Map<String, String> emailEnv = new LinkedHashMap<>(queues);
      emailEnv.putAll(Map.of("EMAIL_DLQ_URL", res.queueUrl("EmailDeadLetterQueue"),
          "EMAIL_EVENTS_QUEUE_URL", res.queueUrl("EmailEventsQueue"), "SENDER_ADDRESS", "tickets@boxoffice.example",
          "AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:9",
          // One poll that does not wait: the first response is what is timed, not a minute of polling.
          "EMAIL_POLL_WAIT_SECONDS", "0", "EMAIL_MAX_EMPTY_POLLS", "1"));
      targets.add(new Target("process-email-queue", "process-email-queue", List.of("function",
          "com.boxoffice.email.ProcessEmailQueueHandler", "map",
          ev.resolve("process-email-queue/scheduled.json").toString()), emailEnv));

      // The same functions with their SnapStart hooks run between init and the first call
      // (Priming.runAllAsASnapshotWould): the first call is what a restored container pays.
      for (Target t : List.copyOf(targets)) {
        if (t.module() != null) {
          List<String> args = new ArrayList<>(t.probeArgs());
          args.add("primed");
          targets.add(new Target(t.name() + " (primed)", t.module(), args, t.env()));
        }
      }
      int reps = ctx.full ? 5 : 1;
      String[][] flags = {{"default (C1+C2)", ""}, {"-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=1"}};
      Map<String, double[]> medians = new LinkedHashMap<>();
      List<String> rows = new ArrayList<>();
      Map<String, List<Run>> runsByKey = new LinkedHashMap<>();
      int unique = 0;
      // Round-robin: every configuration once per round, so a burst of load elsewhere on the machine
      // hits all of them rather than one.
      for (int i = 0; i < reps; i++) {
        for (String[] flag : flags) {
          for (Target t : targets) {
            Map<String, String> env = new LinkedHashMap<>(common);
            env.putAll(t.env());
            env.put("BENCH_UNIQUE", Integer.toString(++unique));
            if ("scanner-validate".equals(t.module())) {
              env.put("BENCH_SCAN_CODE", sampleScanCode(ctx, table, unique));
            }
            Run run = launch(ctx, root, classpathOf(t, layerJars), t, flag[1], env);
            runsByKey.computeIfAbsent(flag[0] + "|" + t.name(), k -> new ArrayList<>()).add(run);
            ctx.log("startup: %s [%s] round %d: %.0f ms (init %.0f, first call %.0f) answer %s", t.name(), flag[0],
                i + 1, run.wallMs(), run.initMs(), run.invokeMs(), run.status());
          }
        }
      }
      for (var e : runsByKey.entrySet()) {
        List<Run> runs = e.getValue();
        double wall = median(runs.stream().mapToDouble(Run::wallMs).toArray());
        double min = runs.stream().mapToDouble(Run::wallMs).min().orElse(Double.NaN);
        double init = median(runs.stream().mapToDouble(Run::initMs).toArray());
        double invoke = median(runs.stream().mapToDouble(Run::invokeMs).toArray());
        medians.put(e.getKey(), new double[] {wall, init, invoke});
        rows.add(e.getKey() + "|" + wall + "|" + min + "|" + init + "|" + invoke + "|"
            + runs.stream().map(Run::status).distinct().collect(java.util.stream.Collectors.joining(", ")).replace('|', '/'));
      }
      out.para("Each figure is the median of " + reps + " fresh JVMs (" + System.getProperty("java.runtime.version")
          + ", no other flags; the heap is left at this machine's default, where a 1024 MB Lambda has less, which "
          + "matters little before the first response), measured from `ProcessBuilder.start()` to the probe's "
          + "result line: JVM start, loading the handler class, its constructor (reading the environment, building "
          + "the SDK and Stripe clients), and the first call with a sample event from `events/` against the local "
          + "stack. The JVMs are launched in rounds (every row once per round), so load elsewhere on the machine "
          + "spreads over all rows. `init` is the constructor, "
          + "`first call` the first `handleRequest`. The SDK-only rows build the clients the way `AwsClients` does "
          + "and make one call with each: the part of a cold start no handler can avoid while it uses the AWS SDK. "
          + "The sample events are the checked-in ones, with the placeholders filled (a real ticket code for the "
          + "scan, a unique idempotency key and event id per launch; checkout's hourly limits raised, as every "
          + "launch is the same buyer). `answer` lists every distinct answer of the row's launches (the HTTP "
          + "status, or the processor's result), so a launch that took a shorter path shows.");
      out.line("| JVM | compiler | to first response p50 ms | min ms | init ms | first call ms | answer | vs SDK-only | vs empty JVM |");
      out.line("|---|---|---|---|---|---|---|---|---|");
      for (String r : rows) {
        String[] p = r.split("\\|");
        double[] sdk = medians.get(p[0] + "|" + (p[1].contains("webhook") || p[1].contains("email")
            || p[1].contains("SQS") ? "SDK only: DynamoDB + SQS clients, one call each"
            : "SDK only: DynamoDB client, one GetItem"));
        double[] empty = medians.get(p[0] + "|empty JVM (floor)");
        double wall = Double.parseDouble(p[2]);
        out.line("| " + p[1] + " | " + p[0] + " | " + Report.ms(wall) + " | " + Report.ms(Double.parseDouble(p[3]))
            + " | " + Report.ms(Double.parseDouble(p[4])) + " | " + Report.ms(Double.parseDouble(p[5])) + " | "
            + p[6] + " | " + (p[1].startsWith("empty") || p[1].startsWith("SDK") ? "" : Report.ratio(wall, sdk[0]))
            + " | " + (p[1].startsWith("empty") ? "" : Report.ratio(wall, empty[0])) + " |");
      }
      out.blank();
      ctx.record("startup.scanner.c1",
          medians.get("-XX:TieredStopAtLevel=1|scanner-validate")[0]);
      ctx.record("startup.checkout.c1", medians.get("-XX:TieredStopAtLevel=1|checkout")[0]);
      ctx.record("startup.webhook.c1", medians.get("-XX:TieredStopAtLevel=1|stripe-webhook")[0]);
      out.para("What each function deploys (its jar and its layers) is in \"Deployed sizes\" above.");
      out.sub("Reading it");
      double sdkDefault = medians.get("default (C1+C2)|SDK only: DynamoDB client, one GetItem")[0];
      double sdkC1 = medians.get("-XX:TieredStopAtLevel=1|SDK only: DynamoDB client, one GetItem")[0];
      out.para("The `vs SDK-only` column is what each function adds on top of the AWS SDK's own cold cost (the "
          + "webhook and the processors are compared with the DynamoDB + SQS row). With the client compiler only, "
          + "the SDK-only JVM answered in " + Report.ms(sdkC1) + " ms against " + Report.ms(sdkDefault)
          + " ms with both compilers (" + Report.ratio(sdkC1, sdkDefault) + ")"
          + (sdkC1 < sdkDefault * 0.9 ? ": at start-up C2 compiles code that mostly runs once, and competes with it "
              + "for the two cores. " : sdkC1 > sdkDefault * 1.1 ? "; this run went against the usual finding "
              + "(C1 alone starts faster), which on this loaded machine says more about the noise than about the "
              + "flag. " : ", within this machine's noise. ")
          + "On Lambda the Java runtime already starts the JVM with `-XX:TieredStopAtLevel=1`, so the second "
          + "half of the table is the one that matches production; setting the flag again in `JAVA_TOOL_OPTIONS` "
          + "(template.yaml does not) would change nothing there. What stands in the way of a faster cold start is "
          + "mostly class loading and first-use initialisation of the SDK (its request pipeline, the endpoint rules "
          + "engine, the service model for the first call), Jackson and, for checkout, the Stripe client; the "
          + "handlers' own init is small next to it.");
      out.sub("SnapStart and CRaC priming");
      out.para("Every function runs with SnapStart and `org.crac` priming hooks (docs/operations.md, \"SnapStart\"); "
          + "a restore cannot be measured here (no local emulator restores SnapStart snapshots, and this JDK has no "
          + "CRaC). The `(primed)` rows are the same JVMs with the function's hooks run between init and the first "
          + "call (`Priming.runAllAsASnapshotWould`): their `first call ms` is what a restored container pays for its "
          + "first request, next to the unprimed rows' `first call ms`. On Lambda a cold start then costs the restore "
          + "(typically a few hundred milliseconds) plus that first call, instead of the JVM start, class loading and "
          + "init.");
    } finally {
      ctx.stack.drop(res);
    }
  }

  static final String SAMPLE_KEYS = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\""
      + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\"}}}";

  private void seedSamples(BenchContext ctx, String table) {
    var catalog = new DynamoCatalog(ctx.stack.admin, table);
    Instant starts = Instant.now().plus(Duration.ofDays(7));
    catalog.putEvent(new CatalogEvent("evt-demo", "Demo Night", "Hall", starts, starts.plus(Duration.ofHours(4)), starts,
        "eur", EventStatus.ON_SALE));
    catalog.putTicketType(new TicketType("evt-demo", "general", "General", 2500, "eur", 100_000, 0, 0, 100_000, 10));
    catalog.putTicketType(new TicketType("evt-demo", "vip", "VIP", 9000, "eur", 100_000, 0, 0, 100_000, 10));
    ctx.stack.admin.putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS("SCANNER#scanner-demo"), "sk", AttributeValue.fromS("EVENT#evt-demo"),
        "scannerId", AttributeValue.fromS("scanner-demo"), "eventId", AttributeValue.fromS("evt-demo"),
        "revoked", AttributeValue.fromBool(false))));
  }

  /** A valid ticket of evt-demo, stored, and its signed code under the sample key. */
  private String sampleScanCode(BenchContext ctx, String table, int n) {
    var codes = new com.boxoffice.shared.domain.code.SignedTicketCodes(
        com.boxoffice.shared.config.SigningKeysSetting.parse(SAMPLE_KEYS, "QR_SIGNING_KEYS"));
    Instant now = Instant.now();
    String orderId = String.format("ord_%024x", 0x900000L + n);
    var t = new com.boxoffice.shared.domain.ticket.Ticket(com.boxoffice.shared.domain.ticket.Ticket.idFor(orderId, 1),
        "evt-demo", orderId, 1, "general", "General", "Ada Lovelace",
        com.boxoffice.shared.domain.ticket.TicketStatus.VALID, now, now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofHours(8)));
    ctx.stack.admin.putItem(b -> b.tableName(table).item(TicketItems.toItem(t)));
    return codes.codeFor(t);
  }

  private Run launch(BenchContext ctx, Path root, List<String> layer, Target t, String flag, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> cp = new ArrayList<>();
    cp.add(root.resolve("bench/target/classes").toString());
    if (t.module() != null) {
      cp.add(functionJar(root, t.module()).toString());
    }
    cp.addAll(layer);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java));
    if (!flag.isEmpty()) {
      cmd.add(flag);
    }
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp), StartupProbe.class.getName()));
    cmd.addAll(t.probeArgs());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String result = null;
    List<String> err = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = line;
          break;
        }
        if (err.size() < 40) {
          err.add(line);
        }
      }
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (result == null) {
      throw new IllegalStateException(t.name() + ": the probe gave no result: " + String.join("\n", err));
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : result.substring(7).split(" ")) {
      String[] x = part.split("=", 2);
      kv.put(x[0], x[1]);
    }
    return new Run(wall, Double.parseDouble(kv.get("init_ms")), Double.parseDouble(kv.get("invoke_ms")), kv.get("status"));
  }

  /**
   * The union class path split into layers as layers/shared/pom.xml does it: each extra layer the
   * jars whose artifactId its {@code layer.NAME.artifacts} property lists, the shared layer the rest.
   */
  static Map<String, List<String>> layerJars(Path root, List<String> union) throws IOException {
    String pom = Files.readString(root.resolve("layers/shared/pom.xml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<layer\\.(\\w+)\\.artifacts>([^<]*)<").matcher(pom);
    Map<String, List<String>> artifacts = new LinkedHashMap<>();
    while (m.find()) {
      artifacts.put(m.group(1), List.of(m.group(2).trim().split("\\s*,\\s*")));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("shared", new ArrayList<>());
    artifacts.keySet().forEach(k -> out.put(k, new ArrayList<>()));
    for (String jar : union) {
      String id = artifactId(Path.of(jar).getFileName().toString());
      String layer = artifacts.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey)
          .findFirst().orElse("shared");
      out.get(layer).add(jar);
    }
    return out;
  }

  /** {@code stripe-java-33.3.0.jar} to {@code stripe-java}. */
  static String artifactId(String jarName) {
    return jarName.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "").replaceFirst("\\.jar$", "");
  }

  static List<String> classpathOf(Target t, Map<String, List<String>> layerJars) {
    List<String> cp = new ArrayList<>(layerJars.get("shared"));
    if (t.module() == null) {
      // The SDK-only and empty JVMs load the shared layer's libraries; the probe that calls SQS
      // also needs the SQS client, which lives in the queues layer as it does for the functions.
      if (t.probeArgs().stream().anyMatch(a -> a.contains("sqs"))) {
        cp.addAll(layerJars.get("queues"));
      }
      return cp;
    }
    for (String l : t.extraLayers()) {
      cp.addAll(layerJars.get(l));
    }
    return cp;
  }

  /** The size of a zip holding these files under {@code prefix}, as SAM packs a function or a layer. */
  static long zipSize(List<String> files, String prefix) throws IOException {
    Path zip = Files.createTempFile("boxoffice-size", ".zip");
    try {
      try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
        for (String f : files) {
          out.putNextEntry(new java.util.zip.ZipEntry(prefix + Path.of(f).getFileName()));
          Files.copy(Path.of(f), out);
          out.closeEntry();
        }
      }
      return Files.size(zip);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  static Path functionJar(Path root, String module) {
    return root.resolve("functions/" + module + "/target/boxoffice-" + module + "-1.0.0-SNAPSHOT.jar");
  }

  /** The shared module's jar and its runtime dependencies, as scripts/bench.sh wrote them. */
  static List<String> layerClasspath(Path root) throws IOException {
    Path file = root.resolve("layers/shared/target/runtime-classpath.txt");
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing; scripts/bench.sh writes it");
    }
    List<String> cp = new ArrayList<>();
    cp.add(root.resolve("layers/shared/target/boxoffice-shared-1.0.0-SNAPSHOT.jar").toString());
    cp.addAll(Arrays.asList(Files.readString(file).trim().split(File.pathSeparator)));
    return cp;
  }

  static String kb(long bytes) {
    return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / 1024.0 / 1024.0)
        : String.format("%.0f KB", bytes / 1024.0);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
