package com.boxoffice.bench;

import com.boxoffice.testkit.LocalAws;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB Local and ElasticMQ in a JVM of their own, so the benchmarked code and the servers do
 * not share a heap, a garbage collector or JIT threads (they still share the machine's cores).
 * Prints one {@code READY <dynamo endpoint> <sqs endpoint>} line, then serves until its standard
 * input closes (the benchmark ending or dying) or an hour has passed.
 */
public final class StackServer {
  private StackServer() {}

  public static void main(String[] args) throws Exception {
    LocalAws aws = LocalAws.start(0, 0);
    try {
      System.out.println("READY " + aws.dynamoEndpoint() + " " + aws.sqsEndpoint());
      System.out.flush();
      Thread waiter = new Thread(() -> {
        try {
          while (System.in.read() >= 0) {
            // keep serving until the parent closes the pipe
          }
        } catch (IOException e) {
          // the parent is gone
        }
      });
      waiter.setDaemon(true);
      waiter.start();
      waiter.join(TimeUnit.HOURS.toMillis(1));
    } finally {
      aws.close();
    }
    System.exit(0);
  }
}
