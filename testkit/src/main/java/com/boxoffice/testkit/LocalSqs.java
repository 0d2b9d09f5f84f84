package com.boxoffice.testkit;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, an SQS-compatible server that honours redrive policies, on 127.0.0.1. */
public final class LocalSqs extends LoopbackServer {
  private final SQSRestServer server;

  private LocalSqs(SQSRestServer server, int port) {
    super(port);
    this.server = server;
  }

  /** Starts on {@code port}, or on a free port when {@code port} is 0. */
  public static LocalSqs start(int port) {
    int chosen = port == 0 ? FreePort.pick() : port;
    SQSRestServer server = SQSRestServerBuilder
        .withInterface("127.0.0.1")
        .withPort(chosen)
        .withAWSRegion(LocalAws.REGION.id())
        .start();
    server.waitUntilStarted();
    return new LocalSqs(server, chosen);
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
