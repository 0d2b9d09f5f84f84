package com.boxoffice.testkit;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Server;

/**
 * DynamoDB Local as a real HTTP server inside this JVM, in memory, listening on 127.0.0.1 only.
 * DynamoDB Local's own launcher binds every interface, so the same handler is mounted on a Jetty
 * server bound to the loopback address instead.
 */
public final class LocalDynamo extends LoopbackServer {
  private final Server server;
  private final LocalDynamoDBRequestHandler requestHandler;

  private LocalDynamo(Server server, LocalDynamoDBRequestHandler requestHandler, int port) {
    super(port);
    this.server = server;
    this.requestHandler = requestHandler;
  }

  /** Starts on {@code port}, or on a free port when {@code port} is 0. */
  public static LocalDynamo start(int port) {
    int chosen = port == 0 ? FreePort.pick() : port;
    try {
      LocalDynamoDBRequestHandler requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
      LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
      Server server = new Server(new InetSocketAddress("127.0.0.1", chosen));
      server.setHandler(new DynamoDBProxyServer(chosen, serverHandler).setUpHandler(serverHandler));
      server.start();
      return new LocalDynamo(server, requestHandler, chosen);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on 127.0.0.1:" + chosen, e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    } finally {
      requestHandler.shutdown();
    }
  }
}
