package com.boxoffice.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.testing.TestEnvironments;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK clients' SnapStart hooks, called directly: priming reads the priming key with each
 * DynamoDB client (and nothing else), a restore makes the clients resolve credentials afresh.
 */
class AwsClientsPrimingTest {
  record Call(String target, String body) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private HttpServer dynamo;

  @BeforeEach
  void start() throws Exception {
    TestEnvironments.useLocalCredentials();
    dynamo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    dynamo.createContext("/", exchange -> {
      try (exchange) {
        calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
      }
    });
    dynamo.start();
  }

  @AfterEach
  void stop() {
    dynamo.stop(0);
  }

  private AwsClients clients() {
    return new AwsClients(new Env(Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", "boxoffice-test",
        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamo.getAddress().getPort())));
  }

  @Test
  void primingReadsTheKeyNoItemHasWithEveryDynamoClientBuilt() throws Exception {
    AwsClients clients = clients();
    clients.dynamo();
    clients.dynamo();
    clients.priming().beforeCheckpoint(null);
    assertThat(calls).hasSize(2).allSatisfy(c -> {
      assertThat(c.target()).isEqualTo("DynamoDB_20120810.GetItem");
      assertThat(c.body()).contains("\"TableName\":\"boxoffice-test\"").contains("\"PRIMING\"");
    });
  }

  @Test
  void withoutATableThereIsNothingToPrime() throws Exception {
    AwsClients clients = new AwsClients(new Env(Map.of("AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamo.getAddress().getPort())));
    clients.dynamo();
    clients.priming().beforeCheckpoint(null);
    assertThat(calls).isEmpty();
  }

  @Test
  void afterARestoreCredentialsAreResolvedAfreshAndTheClientsStillWork() throws Exception {
    AwsClients clients = clients();
    var client = clients.dynamo();
    var before = clients.credentials().current();
    client.getItem(b -> b.tableName("boxoffice-test").key(AwsClients.PRIMING_KEY));

    clients.priming().afterRestore(null);

    assertThat(clients.credentials().current()).as("no credentials provider from before the snapshot")
        .isNotSameAs(before);
    client.getItem(b -> b.tableName("boxoffice-test").key(AwsClients.PRIMING_KEY));
    assertThat(calls).hasSize(2);
  }
}
