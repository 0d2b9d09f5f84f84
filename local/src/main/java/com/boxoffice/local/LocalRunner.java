package com.boxoffice.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.net.URI;
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
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Runs the whole system on 127.0.0.1: DynamoDB Local and ElasticMQ with the template's tables
 * and queues, the SES emulator, stripe-mock (or Stripe test mode when {@code STRIPE_SECRET_KEY}
 * is set), every function behind the same kind of front door it has on AWS, and the schedules.
 * With {@code --smoke} it walks through a purchase and a scan, prints what happened and exits.
 */
public final class LocalRunner implements AutoCloseable {
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final LocalSettings settings;
  private final Path root;

  LocalRunner(LocalSettings settings, Path root) {
    this.settings = settings;
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = List.of(args).contains("--smoke");
    LocalSettings settings = LocalSettings.fromEnvironment(System.getenv());
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    System.setProperty("aws.region", LocalAws.REGION.id());
    LocalRunner runner = new LocalRunner(settings, RepoRoot.find());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runner.close();
      stopped.countDown();
    }, "local-stop"));
    LocalStack stack;
    try {
      stack = runner.start();
    } catch (LocalSetupException e) {
      System.err.println();
      System.err.println("Cannot start the local stack: " + e.getMessage());
      System.exit(2);
      return;
    }
    stack.printWelcome(System.out);
    if (smoke) {
      boolean ok = new LocalWalkthrough(stack).run(System.out);
      System.exit(ok ? 0 : 1);
    }
    stopped.await();
  }

  /** Creates (or, on a moto that outlived a run, replaces the value of) a secret on moto; its ARN. */
  static String localSecret(URI moto, String name, String value) {
    try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(moto).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
      try {
        return client.createSecret(b -> b.name(name).secretString(value)).arn();
      } catch (ResourceExistsException exists) {
        return client.putSecretValue(b -> b.secretId(name).secretString(value)).arn();
      }
    }
  }

  LocalStack start() throws IOException {
    Path logs = root.resolve("local/target/local-logs");
    Files.createDirectories(logs);
    LocalAws aws = LocalAws.start(settings.dynamoPort(), settings.sqsPort());
    running.push(aws);
    LocalResources resources = aws.provisioner().provision("local");

    running.push(LocalTools.startSesEmulator(root, settings.sesPort(), logs));
    LocalPushes pushes = LocalPushes.start(settings.snsPort());
    running.push(pushes);
    String stripeBase = null;
    String stripeKey = settings.stripeSecretKey();
    if (stripeKey == null) {
      running.push(LocalTools.startStripeMock(root, settings.stripeMockPort(), logs));
      stripeBase = "http://127.0.0.1:" + settings.stripeMockPort();
      stripeKey = "sk_test_local";
    }

    SecureRandom random = new SecureRandom();
    String webhookSecret = "whsec_local_" + HexFormat.of().formatHex(random.generateSeed(16));
    byte[] jwtSecret = random.generateSeed(32);
    Map<String, String> secrets = Map.of(
        "STRIPE_SECRET_KEY", stripeKey,
        "STRIPE_WEBHOOK_SECRETS", webhookSecret);
    // The ticket-code signing keys live in a secret on moto (the server that also plays SNS), as in
    // AWS: every function reads them by ARN and checks again every five minutes, and the
    // organizer's key rotation (a compare-and-set on the secret's versions) works locally.
    Map<String, String> secretArns = Map.of(SigningKeysSetting.NAME,
        localSecret(pushes.endpoint(), "boxoffice/local/qr-signing-keys", LocalDemo.qrSigningKeysJson(random)));

    Map<String, String> common = new LinkedHashMap<>();
    common.put("AWS_REGION", LocalAws.REGION.id());
    common.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    common.put("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + settings.sesPort());
    common.put("AWS_ENDPOINT_URL_SNS", pushes.endpoint().toString());
    common.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", pushes.endpoint().toString());
    if (stripeBase != null) {
      common.put("STRIPE_API_BASE", stripeBase);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CheckoutSuccessUrl", "http://127.0.0.1:" + settings.apiPort() + "/local/paid?session_id={CHECKOUT_SESSION_ID}");
    parameters.put("CheckoutCancelUrl", "http://127.0.0.1:" + settings.apiPort() + "/local/cancelled");
    parameters.put("SenderAddress", "tickets@boxoffice.localhost");
    parameters.put("SesMaxSendRate", "14");
    parameters.put("EmailConfigurationSet", "boxoffice-local");
    parameters.put("Stage", "local");
    // The demo organization runs the local deployment, so its organizer may rotate the keys.
    parameters.put("SigningKeyOwnerOrganization", LocalDemo.ORGANIZATION_ID);
    parameters.put("ApnsPlatformApplicationArn", pushes.apnsApplicationArn());
    parameters.put("FcmPlatformApplicationArn", pushes.fcmApplicationArn());
    LocalTemplate template = LocalTemplate.load(root.resolve("template.yaml"));
    template.parameterDefaults().forEach((k, v) -> parameters.putIfAbsent(k, String.valueOf(v)));
    LocalEnvironment environments = new LocalEnvironment(template, resources, parameters, secrets, common, secretArns);

    Map<String, Object> handlers = new LinkedHashMap<>();
    Map<String, Map<String, String>> envByFunction = new LinkedHashMap<>();
    for (LocalTemplate.Function f : template.functions().values()) {
      Map<String, String> env = environments.forFunction(f.logicalId());
      envByFunction.put(f.logicalId(), env);
      handlers.put(f.logicalId(), instantiate(f, env));
    }

    LocalJwt jwt = new LocalJwt(jwtSecret, Clock.systemUTC());
    List<HttpBridge.Binding> apiRoutes = new ArrayList<>();
    HttpBridge.Binding webhook = null;
    for (LocalTemplate.Function f : template.functions().values()) {
      for (LocalTemplate.Route route : f.routes()) {
        apiRoutes.add(new HttpBridge.Binding(route, f.logicalId(), f.timeoutSeconds(), httpHandler(handlers.get(f.logicalId()))));
      }
      if (f.functionUrl()) {
        webhook = new HttpBridge.Binding(new LocalTemplate.Route("POST", "/", false), f.logicalId(), f.timeoutSeconds(),
            httpHandler(handlers.get(f.logicalId())));
      }
    }
    LocalPayments payments = new LocalPayments(aws.dynamo(), resources.table("BoxofficeTable"),
        "http://127.0.0.1:" + settings.webhookPort() + "/", webhookSecret, Clock.systemUTC());
    DemoTickets demoTickets = DemoTickets.forScanner(aws.dynamo(), envByFunction.get("ScannerValidateFunction"),
        Clock.systemUTC());
    running.push(HttpBridge.api(settings.apiPort(), apiRoutes, jwt::verify, Map.of(
        "/local/pay/", (method, orderId) -> pay(payments, method, orderId),
        "/local/demo-ticket", (method, rest) -> demoTicket(demoTickets, method),
        DashboardFiles.PREFIX, new DashboardFiles(),
        "/local/pushes", (method, rest) -> new HttpBridge.LocalRoute.Answer(200, "application/json", pushes.json()),
        "/local/token/", (method, rest) -> token(jwt, method, rest),
        "/local/paid", (method, rest) -> new HttpBridge.LocalRoute.Answer(200, "text/plain",
            "Payment received. Your tickets are on their way by email.\n"),
        "/local/cancelled", (method, rest) -> new HttpBridge.LocalRoute.Answer(200, "text/plain",
            "Payment cancelled; you have not been charged.\n"))));
    if (webhook != null) {
      running.push(HttpBridge.functionUrl(settings.webhookPort(), webhook));
    }

    // The stream pollers' client, closed after the scheduler below has stopped (reverse order).
    var streams = aws.dynamoStreams();
    running.push(streams::close);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    running.push(() -> {
      // Let a run in flight finish its last call before the servers under it stop.
      scheduler.shutdownNow();
      scheduler.awaitTermination(3, TimeUnit.SECONDS);
    });
    List<String> scheduleLines = new ArrayList<>();
    for (LocalTemplate.Function f : template.functions().values()) {
      for (LocalTemplate.Schedule s : f.schedules()) {
        Duration every = rate(s.expression());
        Object handler = handlers.get(f.logicalId());
        Map<String, Object> input = Json.read(s.input(), Map.class);
        scheduler.scheduleAtFixedRate(() -> invokeScheduled(f, handler, input), 2, every.toSeconds(), TimeUnit.SECONDS);
        scheduleLines.add(f.logicalId() + " " + s.expression() + " " + s.input());
      }
      for (LocalTemplate.StreamSource source : f.streams()) {
        DynamoStreamReader reader;
        try {
          reader = new DynamoStreamReader(aws.dynamo(), streams, resources.table(source.tableLogicalId()));
        } catch (IllegalStateException noStream) {
          throw new LocalSetupException(f.logicalId() + ": table " + source.tableLogicalId() + " has no stream");
        }
        var poller = new LocalStreamPoller(f.logicalId(), reader, source.batchSize(),
            streamHandler(handlers.get(f.logicalId())));
        scheduler.scheduleWithFixedDelay(poller, 1, 1, TimeUnit.SECONDS);
        scheduleLines.add(f.logicalId() + " reads the stream of " + source.tableLogicalId() + " every second");
      }
    }

    LocalDemo demo = new LocalDemo(aws.dynamo(), resources, envByFunction, Clock.systemUTC());
    LocalDemo.Seeded seeded = demo.seed();
    return new LocalStack(settings, resources, jwt, webhookSecret, stripeBase, seeded, scheduleLines, demo,
        pushes.endpoint().toString());
  }

  private static HttpBridge.LocalRoute.Answer demoTicket(DemoTickets tickets, String method) {
    if (!method.equals("POST")) {
      return new HttpBridge.LocalRoute.Answer(405, "application/json",
          "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"POST /local/demo-ticket\",\"retryable\":false,\"fields\":{}}}");
    }
    var issued = tickets.issue(LocalDemo.EVENT_ID, "Grace Hopper");
    return new HttpBridge.LocalRoute.Answer(201, "application/json", Json.write(issued));
  }

  private static final Pattern TOKEN_PATH = Pattern.compile("(buyer|scanner|organizer)/([A-Za-z0-9_.@-]{1,64})"
      + "(?:/([A-Za-z0-9_-]{1,64}))?");

  /**
   * {@code POST /local/token/<role>/<subject>[/<organization>]}: a 12-hour token for any role and
   * tenant, signed like the printed ones. Local only: the deployed API has no such route.
   */
  static HttpBridge.LocalRoute.Answer token(LocalJwt jwt, String method, String rest) {
    Matcher m = TOKEN_PATH.matcher(rest);
    if (!method.equals("POST") || !m.matches()) {
      return new HttpBridge.LocalRoute.Answer(400, "application/json",
          "{\"error\":{\"code\":\"bad_request\",\"message\":\"POST /local/token/<buyer|scanner|organizer>/<subject>"
              + "[/<organization>]\",\"retryable\":false,\"fields\":{}}}");
    }
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("scope", m.group(1));
    if (m.group(3) != null) {
      claims.put("org", m.group(3));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("token", jwt.issue(m.group(2), claims, 12 * 3600));
    answer.put("subject", m.group(2));
    answer.putAll(claims);
    return new HttpBridge.LocalRoute.Answer(201, "application/json", Json.write(answer));
  }

  private static HttpBridge.LocalRoute.Answer pay(LocalPayments payments, String method, String orderId)
      throws IOException {
    if (!method.equals("POST") || orderId.isBlank() || orderId.contains("/")) {
      return new HttpBridge.LocalRoute.Answer(400, "application/json",
          "{\"error\":{\"code\":\"bad_request\",\"message\":\"POST /local/pay/<orderId>\",\"retryable\":false,\"fields\":{}}}");
    }
    try {
      var answer = payments.pay(orderId);
      if (answer.isEmpty()) {
        return new HttpBridge.LocalRoute.Answer(404, "application/json",
            "{\"error\":{\"code\":\"not_found\",\"message\":\"No such order.\",\"retryable\":false,\"fields\":{}}}");
      }
      return new HttpBridge.LocalRoute.Answer(answer.get().statusCode(), "application/json", answer.get().body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpHandler(Object handler) {
    return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<DynamodbEvent, StreamsEventResponse> streamHandler(Object handler) {
    return (RequestHandler<DynamodbEvent, StreamsEventResponse>) handler;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void invokeScheduled(LocalTemplate.Function f, Object handler, Map<String, Object> input) {
    try {
      ((RequestHandler) handler).handleRequest(new LinkedHashMap<>(input), new LocalContext(f.logicalId(), f.timeoutSeconds()));
    } catch (RuntimeException e) {
      System.err.println(f.logicalId() + " failed: " + e);
    }
  }

  static Object instantiate(LocalTemplate.Function f, Map<String, String> env) {
    try {
      Class<?> type = Class.forName(f.handlerClass());
      return type.getConstructor(Env.class).newInstance(new Env(env));
    } catch (ReflectiveOperationException e) {
      throw new LocalSetupException(f.logicalId() + ": cannot construct " + f.handlerClass()
          + " with an Env (" + e + ")");
    }
  }

  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

  static Duration rate(String expression) {
    Matcher m = RATE.matcher(expression);
    if (!m.matches()) {
      throw new LocalSetupException("unsupported schedule expression " + expression);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "minute", "minutes" -> Duration.ofMinutes(n);
      case "hour", "hours" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }
}
