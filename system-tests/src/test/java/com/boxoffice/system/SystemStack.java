package com.boxoffice.system;

import com.boxoffice.local.ChildProcess;
import com.boxoffice.local.LocalDemo;
import com.boxoffice.local.LocalEnvironment;
import com.boxoffice.local.LocalPayments;
import com.boxoffice.local.LocalTemplate;
import com.boxoffice.local.LocalTools;
import com.boxoffice.testkit.FreePort;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import com.boxoffice.testkit.TemplateYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Everything the system tier runs, started once per test run: DynamoDB Local and ElasticMQ as
 * servers with the template's tables and queues, stripe-mock, the SES v2 emulator, the demo data,
 * and every function of {@code template.yaml} under its own Runtime Interface Emulator, with the
 * environment the template gives it (references resolved to the local resources by the local
 * runner's {@link LocalEnvironment}). All on 127.0.0.1; closing it stops every process it started
 * and writes the functions' init durations to {@code system-tests/target/init-durations.txt}.
 */
final class SystemStack implements AutoCloseable {
  static final String STAGE = "sys";
  static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /**
   * Settings the tier adds to the template's environment, and why: the retry function's first
   * backoff step is a minute, and the poisoned message must reach its dead-letter queue within
   * one invocation; its long poll waits 20 s on an empty queue, and 1 s is enough here. The email
   * function keeps polling its queue until shortly before its 60 s timeout, and the tier stops it
   * after one short empty poll instead (docs/email.md).
   */
  static final Map<String, Map<String, String>> TIER_OVERRIDES = Map.of(
      "ProcessWebhookRetriesFunction", Map.of("RETRY_BACKOFF_BASE_SECONDS", "0", "RETRY_POLL_WAIT_SECONDS", "1"),
      "ProcessEmailQueueFunction", Map.of("EMAIL_MAX_EMPTY_POLLS", "1", "EMAIL_POLL_WAIT_SECONDS", "1"));

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Map<String, EmulatedFunction> functions = new LinkedHashMap<>();
  private final Path root;
  private final Path target;
  private LocalAws aws;
  private LocalResources resources;
  private String sesBase;
  private String webhookSecret;
  private LocalDemo.Seeded demo;

  private SystemStack(Path root) {
    this.root = root;
    this.target = root.resolve("system-tests/target");
  }

  static SystemStack start() throws IOException {
    SystemStack stack = new SystemStack(RepoRoot.find());
    try {
      stack.startAll();
      return stack;
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() throws IOException {
    SamBuild build = SamBuild.find(root);
    Path logs = target.resolve("system-logs");
    Files.createDirectories(logs);
    Path rie = root.resolve(".tools/bin/aws-lambda-rie");
    if (!Files.isExecutable(rie)) {
      throw new IllegalStateException("aws-lambda-rie is not installed at .tools/bin: bash scripts/install-tools.sh rie");
    }

    aws = LocalAws.start(0, 0);
    running.push(aws);
    resources = aws.provisioner().provision(STAGE);
    int sesPort = FreePort.pick();
    running.push(LocalTools.startSesEmulator(root, sesPort, logs));
    sesBase = "http://127.0.0.1:" + sesPort;
    int stripePort = FreePort.pick();
    ChildProcess stripeMock = LocalTools.startStripeMock(root, stripePort, logs);
    running.push(stripeMock);

    SecureRandom random = new SecureRandom();
    webhookSecret = "whsec_sys_" + HexFormat.of().formatHex(random.generateSeed(16));
    Map<String, String> secrets = Map.of(
        "STRIPE_SECRET_KEY", "sk_test_system",
        "STRIPE_WEBHOOK_SECRETS", webhookSecret,
        "QR_SIGNING_KEYS", LocalDemo.qrSigningKeysJson(random));
    Map<String, String> common = new LinkedHashMap<>();
    common.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SESV2", sesBase);
    // No push is published in this tier; a closed port keeps any SNS call local.
    common.put("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9");
    common.put("STRIPE_API_BASE", "http://127.0.0.1:" + stripePort);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CheckoutSuccessUrl", "https://boxoffice.localhost/paid?session_id={CHECKOUT_SESSION_ID}");
    parameters.put("CheckoutCancelUrl", "https://boxoffice.localhost/cancelled");
    parameters.put("SenderAddress", "tickets@boxoffice.localhost");
    parameters.put("SesMaxSendRate", "14");
    parameters.put("EmailConfigurationSet", "boxoffice-" + STAGE);
    parameters.put("Stage", STAGE);
    parameters.put("ApnsPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/APNS/boxoffice-" + STAGE);
    parameters.put("FcmPlatformApplicationArn", "arn:aws:sns:us-east-1:123456789012:app/GCM/boxoffice-" + STAGE);
    LocalTemplate template = LocalTemplate.load(root.resolve("template.yaml"));
    template.parameterDefaults().forEach((k, v) -> parameters.putIfAbsent(k, String.valueOf(v)));
    LocalEnvironment environments = new LocalEnvironment(template, resources, parameters, secrets, common);
    Map<String, Object> raw = TemplateYaml.load(root.resolve("template.yaml"));

    Map<String, Map<String, String>> envByFunction = new LinkedHashMap<>();
    for (LocalTemplate.Function f : template.functions().values()) {
      Map<String, Object> props = properties(raw, f.logicalId());
      String handler = (String) props.get("Handler");
      int memory = Integer.parseInt(String.valueOf(props.getOrDefault("MemorySize", globalFunction(raw).get("MemorySize"))));
      Path taskRoot = build.functionDir(f.logicalId());
      Map<String, String> env = lambdaEnvironment(f, memory, taskRoot, handler);
      env.putAll(environments.forFunction(f.logicalId()));
      env.putAll(TIER_OVERRIDES.getOrDefault(f.logicalId(), Map.of()));
      envByFunction.put(f.logicalId(), env);
      List<String> runtime = runtimeCommand(memory, build, layers(raw, props), handler);
      EmulatedFunction function = EmulatedFunction.start(f.logicalId(), rie, runtime, taskRoot, env,
          FreePort.pick(), FreePort.pick(), logs.resolve(f.logicalId() + ".log"), Duration.ofSeconds(f.timeoutSeconds()));
      functions.put(f.logicalId(), function);
      running.push(function);
    }
    demo = new LocalDemo(aws.dynamo(), resources, envByFunction, Clock.systemUTC()).seed();
  }

  /** What Lambda itself puts in a function's environment (the reserved variables). */
  private Map<String, String> lambdaEnvironment(LocalTemplate.Function f, int memory, Path taskRoot, String handler) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("_HANDLER", handler);
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
    env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(f.timeoutSeconds()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.logicalId());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "system-tier");
    env.put("AWS_REGION", LocalAws.REGION.id());
    env.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_SESSION_TOKEN", "local");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDir().toString());
    return env;
  }

  /**
   * The java21 runtime's own start command, as far as it matters here: its JVM flags, its runtime
   * interface client on the class path, and the java/lib of each of the function's layers (the
   * shared one from Globals, then its own), which Lambda unpacks to /opt/java/lib. The function's own jars are not on it: the runtime interface client loads them
   * from the working directory and its lib/ folder, as from /var/task on Lambda.
   */
  private List<String> runtimeCommand(int memory, SamBuild build, List<String> layers, String handler) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:MaxHeapSize=" + (memory * 85 / 100) + "m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xshare:auto");
    cmd.add("-XX:+TieredCompilation");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Djava.net.preferIPv4Stack=true");
    cmd.add("-XX:+ErrorFileToStderr");
    if (Runtime.version().feature() >= 22) {
      // The runtime interface client loads its JNI library; newer JDKs warn about that unless told.
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-classpath");
    StringBuilder cp = new StringBuilder(runtimeDir().resolve("*").toString());
    for (String layer : layers) {
      cp.append(':').append(build.layerLibDir(layer).resolve("*"));
    }
    cmd.add(cp.toString());
    cmd.add(RUNTIME_MAIN);
    cmd.add(handler);
    return cmd;
  }

  static Path runtimeDir() {
    String dir = System.getProperty("boxoffice.lambda.runtime.dir");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      throw new IllegalStateException("the runtime interface client is not at boxoffice.lambda.runtime.dir=" + dir
          + "; run the tier through scripts/system-test.sh (Maven copies it there)");
    }
    return Path.of(dir);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
    Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
    return (Map<String, Object>) ((Map<String, Object>) resources.get(logicalId)).get("Properties");
  }

  /** The function's layers as Lambda stacks them: those of Globals first, then its own. */
  @SuppressWarnings("unchecked")
  private static List<String> layers(Map<String, Object> template, Map<String, Object> props) {
    List<String> out = new ArrayList<>();
    for (Object list : new Object[] {globalFunction(template).get("Layers"), props.get("Layers")}) {
      if (list instanceof List<?> refs) {
        for (Object ref : refs) {
          out.add((String) ((Map<String, Object>) ref).get("Ref"));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> globalFunction(Map<String, Object> template) {
    return (Map<String, Object>) ((Map<String, Object>) template.getOrDefault("Globals", Map.of()))
        .getOrDefault("Function", Map.of());
  }

  EmulatedFunction function(String logicalId) {
    EmulatedFunction f = functions.get(logicalId);
    if (f == null) {
      throw new IllegalArgumentException("no function " + logicalId + " in template.yaml");
    }
    return f;
  }

  Map<String, EmulatedFunction> functions() {
    return functions;
  }

  LocalAws aws() {
    return aws;
  }

  LocalResources resources() {
    return resources;
  }

  String sesBase() {
    return sesBase;
  }

  LocalDemo.Seeded demo() {
    return demo;
  }

  LocalPayments payments() {
    return new LocalPayments(aws.dynamo(), resources.table("BoxofficeTable"), webhookSecret, Clock.systemUTC());
  }

  /** Each function's init as the emulator reported it; written to target/ and printed on close. */
  List<EmulatedFunction.InitReport> initReports() {
    return functions.values().stream().map(EmulatedFunction::initReport).flatMap(Optional::stream).toList();
  }

  private void writeInitDurations() {
    List<EmulatedFunction.InitReport> reports = initReports();
    if (reports.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(
        "# Init durations under aws-lambda-rie (" + System.getProperty("java.vm.name") + " " + Runtime.version()
            + ", " + Runtime.getRuntime().availableProcessors() + " CPUs).\n"
            + "# init_ms: the emulator's INIT REPORT (durationMs), from starting the JVM to the runtime's first\n"
            + "#   request for work, i.e. what Lambda bills as Init Duration.\n"
            + "# report_init_ms: the Init Duration field of the first REPORT line; the emulator starts the\n"
            + "#   runtime lazily on the first invoke, so it prints a near-zero value there.\n"
            + "# first_invoke_ms: the Duration of that first REPORT (init plus the first invocation).\n"
            + "function\tinit_ms\treport_init_ms\tfirst_invoke_ms\n");
    for (var r : reports) {
      text.append(r.logicalId()).append('\t').append(String.format(Locale.ROOT, "%.1f", r.initMs())).append('\t')
          .append(r.reportLineInitMs() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.reportLineInitMs()))
          .append('\t').append(String.format(Locale.ROOT, "%.1f", r.firstInvokeMs())).append('\n');
    }
    try {
      Files.createDirectories(target);
      Files.writeString(target.resolve("init-durations.txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println();
    System.out.println("Init durations (also in system-tests/target/init-durations.txt):");
    System.out.print(text);
  }

  @Override
  public void close() {
    try {
      writeInitDurations();
    } catch (RuntimeException e) {
      System.err.println("could not write the init durations: " + e);
    }
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }

  /** Hands the one stack of this test run to every test that asks for it. */
  static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SystemStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.create(SystemStack.class))
          .getOrComputeIfAbsent("stack", k -> new Resource(), Resource.class).stack();
    }

    /** Started once; a failed start is remembered, so every test reports it without starting again. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource {
      private final SystemStack stack;
      private final Exception failure;

      Resource() {
        SystemStack started = null;
        Exception failed = null;
        try {
          started = SystemStack.start();
        } catch (IOException | RuntimeException e) {
          failed = e;
        }
        stack = started;
        failure = failed;
      }

      SystemStack stack() {
        if (failure != null) {
          throw new IllegalStateException("the system stack did not start: " + failure.getMessage(), failure);
        }
        return stack;
      }

      @Override
      public void close() {
        if (stack != null) {
          stack.close();
        }
      }
    }
  }
}
