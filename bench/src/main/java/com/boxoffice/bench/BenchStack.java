package com.boxoffice.bench;

import com.boxoffice.testkit.FreePort;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import com.boxoffice.testkit.ResourceProvisioner;
import com.boxoffice.testkit.TemplateResources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stack every suite runs on: DynamoDB Local and ElasticMQ as servers in a child JVM
 * ({@link StackServer}), stripe-mock as a child process, all on 127.0.0.1; tables and queues from
 * template.yaml under a fresh stage per suite. Clients are built the way {@code AwsClients}
 * builds them in the functions (URLConnection HTTP client, standard retries, same timeouts).
 */
final class BenchStack implements AutoCloseable {
  final Path root = RepoRoot.find();
  final DynamoMeter meter = new DynamoMeter();
  private final Process stack;
  private final Process stripeMock;
  final URI dynamoEndpoint;
  final URI sqsEndpoint;
  final String stripeBase;
  /** For seeding and checking; not metered. */
  final DynamoDbClient admin;
  final SqsClient sqs;
  private final ResourceProvisioner provisioner;
  private final List<AutoCloseable> clients = new ArrayList<>();

  BenchStack() throws IOException, InterruptedException {
    Path logs = Files.createDirectories(root.resolve("bench/target/logs"));
    String java = ProcessHandle.current().info().command().orElse("java");
    stack = new ProcessBuilder(List.of(java, "-Xmx1500m", "--enable-native-access=ALL-UNNAMED",
        "-Dhttp.maxConnections=128",
        "-Dboxoffice.log.file=" + logs.resolve("stack-server.log"), "-cp", System.getProperty("java.class.path"), StackServer.class.getName()))
        .redirectError(logs.resolve("stack-server.err").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
    String line;
    String ready = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
      if (line.startsWith("READY ")) {
        ready = line;
        break;
      }
    }
    if (ready == null) {
      stack.destroyForcibly();
      throw new IllegalStateException("the local stack did not start; see bench/target/logs/stack-server.err");
    }
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discard
        }
      } catch (IOException e) {
        // stack gone
      }
    });
    drain.setDaemon(true);
    drain.start();
    String[] parts = ready.split(" ");
    dynamoEndpoint = URI.create(parts[1]);
    sqsEndpoint = URI.create(parts[2]);

    Path bin = root.resolve(".tools/bin/stripe-mock");
    if (!Files.isExecutable(bin)) {
      close0(stack);
      throw new IllegalStateException("stripe-mock is not installed; run: bash scripts/install-tools.sh stripe-mock");
    }
    int port = FreePort.pick();
    stripeMock = new ProcessBuilder(List.of(bin.toString(), "-http-addr", "127.0.0.1:" + port,
        "-https-addr", "127.0.0.1:0")).redirectErrorStream(true)
        .redirectOutput(logs.resolve("stripe-mock.log").toFile()).start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!listening(port)) {
      if (!stripeMock.isAlive() || System.nanoTime() > until) {
        close0(stripeMock);
        close0(stack);
        throw new IllegalStateException("stripe-mock did not start; see bench/target/logs/stripe-mock.log");
      }
      Thread.sleep(50);
    }
    stripeBase = "http://127.0.0.1:" + port;

    admin = dynamo(false);
    sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(http()).overrideConfiguration(overrides(false)).build();
    clients.add(sqs);
    provisioner = new ResourceProvisioner(TemplateResources.load(), admin, sqs);
  }

  /**
   * The template's tables and queues under a stage nobody else uses, with the tables' streams off:
   * DynamoDB Local appends each write's stream record after a query over the stream's stored
   * history on its one SQLite thread, so once the door suite has filled a stream every write of
   * every table waits behind it (about half a second a write late in a run), a cost DynamoDB itself
   * does not have. Only the door's suites, whose scan log is written from the stream, keep it
   * ({@link #freshResourcesWithStreams}).
   */
  LocalResources freshResources() {
    LocalResources res = freshResourcesWithStreams();
    for (String table : res.tables().values()) {
      var spec = admin.describeTable(b -> b.tableName(table)).table().streamSpecification();
      if (spec != null && Boolean.TRUE.equals(spec.streamEnabled())) {
        admin.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
      }
    }
    return res;
  }

  /** The template's tables and queues under a stage nobody else uses, streams on as deployed. */
  LocalResources freshResourcesWithStreams() {
    return provisioner.provision("b" + UUID.randomUUID().toString().substring(0, 8));
  }

  void drop(LocalResources res) {
    provisioner.deprovision(res);
  }

  static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(25)).build();
  }

  private ClientOverrideConfiguration overrides(boolean metered) {
    var b = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
        .apiCallAttemptTimeout(Duration.ofSeconds(5)).apiCallTimeout(Duration.ofSeconds(12));
    if (metered) {
      b.addExecutionInterceptor(meter);
    }
    return b.build();
  }

  /**
   * A new DynamoDB client with its own HTTP client, as one Lambda container has; metered ones
   * report to {@link #meter}.
   */
  DynamoDbClient dynamo(boolean metered) {
    DynamoDbClient c = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(http()).overrideConfiguration(overrides(metered)).build();
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  /** A new SQS client with its own HTTP client; metered ones count their requests in {@link #meter}. */
  SqsClient sqsClient(boolean metered) {
    SqsClient c = SqsClient.builder().endpointOverride(sqsEndpoint).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).httpClient(http()).overrideConfiguration(overrides(metered)).build();
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void close0(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  @Override
  public void close() {
    synchronized (clients) {
      for (AutoCloseable c : clients) {
        try {
          c.close();
        } catch (Exception e) {
          // closing anyway
        }
      }
    }
    close0(stripeMock);
    try {
      stack.getOutputStream().close();
    } catch (IOException e) {
      // it is being stopped anyway
    }
    try {
      if (!stack.waitFor(15, TimeUnit.SECONDS)) {
        close0(stack);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close0(stack);
    }
  }
}
