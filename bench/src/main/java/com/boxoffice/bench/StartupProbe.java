package com.boxoffice.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.webhook.StripeSignatures;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Run in a fresh JVM by {@link StartupBench} with one function's deployed classpath (its jar and
 * the shared layer): does what the Lambda runtime does at a cold start, builds the handler with its
 * no-argument constructor (which reads the environment and builds its clients), then answers one
 * sample event from {@code events/}. Prints one {@code RESULT} line on stderr and exits.
 *
 * <pre>
 *   StartupProbe function &lt;handler class&gt; &lt;http|webhook|map&gt; &lt;event file&gt;
 *   StartupProbe sdk &lt;dynamo|dynamo+sqs&gt;     the baseline: only the same SDK clients, one call each
 *   StartupProbe empty                       a JVM that does nothing
 * </pre>
 */
public final class StartupProbe {
  private StartupProbe() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String status;
    long initNs;
    long invokeNs;
    switch (args[0]) {
      case "empty" -> {
        status = "-";
        initNs = 0;
        invokeNs = 0;
      }
      case "sdk" -> {
        Env env = Env.system();
        AwsClients aws = new AwsClients(env);
        var dynamo = aws.dynamo();
        var sqs = args[1].contains("sqs") ? aws.sqs() : null;
        initNs = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        var item = dynamo.getItem(b -> b.tableName(env.required("TABLE_NAME"))
            .key(Map.of("pk", AttributeValue.fromS("EVENT#none"), "sk", AttributeValue.fromS("EVENT"))));
        if (sqs != null) {
          sqs.getQueueAttributes(b -> b.queueUrl(env.required("EMAIL_QUEUE_URL")));
        }
        invokeNs = System.nanoTime() - t1;
        status = item.hasItem() ? "found" : "ok";
      }
      case "function" -> {
        String handlerClass = args[1];
        String kind = args[2];
        Path file = Path.of(args[3]);
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        String unique = System.getenv().getOrDefault("BENCH_UNIQUE", "1");
        Object event = switch (kind) {
          case "http" -> {
            String text = Files.readString(file);
            String code = System.getenv("BENCH_SCAN_CODE");
            if (code != null) {
              text = text.replace("REPLACE-WITH-A-CODE-FROM-THE-ORDER-VIEW", code);
            }
            APIGatewayV2HTTPEvent e = json.readValue(text, APIGatewayV2HTTPEvent.class);
            if (e.getHeaders() != null && e.getHeaders().containsKey("idempotency-key")) {
              Map<String, String> h = new HashMap<>(e.getHeaders());
              h.put("idempotency-key", h.get("idempotency-key") + "-" + unique);
              e.setHeaders(h);
            }
            yield e;
          }
          case "webhook" -> {
            String text = Files.readString(file).replace("evt_test_completed_0001", "evt_bench_" + unique);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String secret = System.getenv("STRIPE_WEBHOOK_SECRETS").split(",")[0];
            yield Events.stripe(body, StripeSignatures.sign(body, secret, Instant.now()));
          }
          default -> json.readValue(file.toFile(), Map.class);
        };
        long t1 = System.nanoTime();
        RequestHandler handler = (RequestHandler) Class.forName(handlerClass).getConstructor().newInstance();
        initNs = System.nanoTime() - t1;
        if (args.length > 4 && args[4].equals("primed")) {
          // What SnapStart does between init and the first request: the hooks, then (not here) the
          // snapshot and its restore. Timed in neither init nor the first call.
          com.boxoffice.shared.lambda.Priming.runAllAsASnapshotWould();
        }
        long t2 = System.nanoTime();
        Object response = handler.handleRequest(event, null);
        invokeNs = System.nanoTime() - t2;
        status = response instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse r
            ? Integer.toString(r.getStatusCode()) : String.valueOf(response).replace(' ', '_');
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.err.printf("RESULT init_ms=%.1f invoke_ms=%.1f status=%s%n", initNs / 1e6, invokeNs / 1e6, status);
    System.err.flush();
    System.exit(0);
  }
}
